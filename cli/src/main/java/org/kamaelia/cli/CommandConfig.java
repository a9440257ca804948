package org.kamaelia.cli;

/**
 * What one run of the command is to do, parsed and checked from the arguments, with no I/O done yet:
 * one immutable record per subcommand. {@link Cli#parse(String...)} makes them; tests build them
 * directly too.
 */
sealed interface CommandConfig permits DemoConfig, ConnectConfig, ServeConfig {
}
