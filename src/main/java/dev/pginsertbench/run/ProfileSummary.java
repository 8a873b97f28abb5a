package dev.pginsertbench.run;

/**
 * A profile as the usage text, README.md's and docs/running.md's profile tables describe it; a test
 * keeps them equal.
 *
 * @param name          the profile's name on the command line
 * @param question      what it answers, in a few words (README.md's table)
 * @param whatRuns      what it measures, with its number of configurations
 * @param timeOnTwoCores how long a run takes on the 2-core reference machine, measured where it was
 */
record ProfileSummary(String name, String question, String whatRuns, String timeOnTwoCores) {
}
