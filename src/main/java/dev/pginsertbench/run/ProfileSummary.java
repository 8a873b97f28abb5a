package dev.pginsertbench.run;

/**
 * A profile as the usage text and README.md's profile table describe it; a test keeps the two equal.
 *
 * @param name          the profile's name on the command line
 * @param whatRuns      what it measures, with its number of configurations
 * @param timeOnTwoCores how long a run takes on the 2-core reference machine, measured where it was
 */
record ProfileSummary(String name, String whatRuns, String timeOnTwoCores) {
}
