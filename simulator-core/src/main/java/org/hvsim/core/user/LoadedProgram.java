package org.hvsim.core.user;

/**
 * Where an executable ended up in memory: what the initial stack's auxiliary vector and the
 * heap need to know.
 *
 * @param entry         e_entry, the first instruction (AT_ENTRY)
 * @param phdrAddress   address of the program header table in memory (AT_PHDR), 0 if not loaded
 * @param phdrEntrySize size of one program header (AT_PHENT)
 * @param phdrCount     number of program headers (AT_PHNUM)
 * @param brkStart      first address of the heap: the end of the highest segment, page-aligned up
 */
public record LoadedProgram(long entry, long phdrAddress, int phdrEntrySize, int phdrCount, long brkStart) {
}
