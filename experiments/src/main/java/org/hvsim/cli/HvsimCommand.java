package org.hvsim.cli;

import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code hvsim} command line. Every failure reaches the user as exactly one line on stderr,
 * "hvsim: ...", and a documented exit status ({@link ExitCodes}); never a Java stack trace.
 */
@Command(name = "hvsim", mixinStandardHelpOptions = true, versionProvider = HvsimCommand.Version.class,
        description = "hvsim: a cycle-approximate x86-64 CPU and virtualization simulator.",
        subcommands = {RunCommand.class, BootCommand.class, DisasmCommand.class, CommandLine.HelpCommand.class})
public final class HvsimCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(Console.system(), args));
    }

    /** Runs the command line {@code args} on {@code console} and returns the exit status. */
    public static int execute(Console console, String... args) {
        PrintStream err = console.errPrinter();
        try {
            return commandLine(console).execute(args);
        } catch (OutOfMemoryError e) {
            err.println("hvsim: out of host memory (raise the JVM heap with HVSIM_JAVA_OPTS=-Xmx...)");
            return ExitCodes.SIMULATOR_ERROR;
        } catch (StackOverflowError e) {
            err.println("hvsim: internal error: host stack overflow");
            return ExitCodes.SIMULATOR_ERROR;
        }
    }

    /** The configured picocli command line, with hvsim's error handling. */
    static CommandLine commandLine(Console console) {
        CommandLine.IFactory factory = new CommandFactory(console);
        CommandLine cl = new CommandLine(new HvsimCommand(), factory);
        PrintStream err = console.errPrinter();
        cl.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(console.out(),
                java.nio.charset.StandardCharsets.UTF_8), true));
        cl.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(console.err(),
                java.nio.charset.StandardCharsets.UTF_8), true));
        cl.setExecutionExceptionHandler(executionErrors(err));
        cl.setParameterExceptionHandler(parameterErrors(err));
        // Everything after PROGRAM belongs to the guest, including words that look like options.
        cl.getSubcommands().get("run").setStopAtPositional(true);
        return cl;
    }

    private static IExecutionExceptionHandler executionErrors(PrintStream err) {
        return (Exception e, CommandLine cmd, ParseResult parsed) -> {
            if (e instanceof CliException) {
                err.println("hvsim: " + e.getMessage());
                return ((CliException) e).exitCode();
            }
            err.println("hvsim: internal error: " + e.getClass().getSimpleName() + ": "
                    + ProgramFiles.oneLine(e.getMessage()));
            return ExitCodes.SIMULATOR_ERROR;
        };
    }

    /** Usage errors: one line, plus a pointer to --help instead of the whole usage text. */
    private static IParameterExceptionHandler parameterErrors(PrintStream err) {
        return (ParameterException e, String[] args) -> {
            String command = e.getCommandLine().getCommandName();
            String prefix = "hvsim".equals(command) ? "hvsim" : "hvsim " + command;
            err.println("hvsim: " + ProgramFiles.oneLine(e.getMessage()) + " (see '" + prefix + " --help')");
            return ExitCodes.USAGE;
        };
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: run, boot or disasm");
    }

    /** Builds commands with the console they print to. */
    private static final class CommandFactory implements CommandLine.IFactory {
        private final Console console;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        CommandFactory(Console console) {
            this.console = console;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == RunCommand.class) {
                return type.cast(new RunCommand(console));
            }
            if (type == BootCommand.class) {
                return type.cast(new BootCommand(console));
            }
            if (type == DisasmCommand.class) {
                return type.cast(new DisasmCommand(console));
            }
            return fallback.create(type);
        }
    }

    /** The version from the jar manifest when packaged. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = HvsimCommand.class.getPackage().getImplementationVersion();
            return new String[] {"hvsim " + (v == null ? "development build" : v)};
        }
    }
}
