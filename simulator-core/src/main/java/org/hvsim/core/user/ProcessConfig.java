package org.hvsim.core.user;

import java.util.List;

/**
 * What a user-mode process is started with.
 *
 * @param argv       the argument vector; argv[0] is conventionally the program path
 * @param env        the environment as NAME=VALUE strings; never the host's environment
 * @param randomSeed seed of the 16 AT_RANDOM bytes and of getrandom(); same seed, same bytes
 */
public record ProcessConfig(List<String> argv, List<String> env, long randomSeed) {
    /** The guest environment unless the user supplies one: small, fixed, independent of the host. */
    public static final List<String> DEFAULT_ENV = List.of("PATH=/usr/bin:/bin");
    public static final long DEFAULT_SEED = 0x68_76_73_69_6DL; // "hvsim"

    public ProcessConfig {
        argv = List.copyOf(argv);
        env = List.copyOf(env);
    }

    /** {@code argv} with the default environment and seed. */
    public static ProcessConfig of(List<String> argv) {
        return new ProcessConfig(argv, DEFAULT_ENV, DEFAULT_SEED);
    }
}
