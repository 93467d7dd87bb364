package org.cryoem.wasserstein.cli;

import java.io.PrintWriter;

import org.cryoem.wasserstein.Version;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * Command-line entry point: {@code java -jar Wasserstein_2D_Classes-*-all.jar
 * <command> ...}. Every error ends in one line on standard error and a
 * non-zero exit code, never a stack trace.
 */
@Command(name = "w2d", mixinStandardHelpOptions = true, versionProvider = Main.VersionInfo.class,
	description = { "Wasserstein 2D Classes: rotation-invariant k-means 2D classification of " +
		"cryo-EM particle images with a wavelet Earth mover's (W1) or L2 distance " +
		"(Rao, Moscovich & Singer 2020)." }, subcommands = { ClassifyCommand.class,
			DistanceCommand.class, SimulateCommand.class, EvaluateCommand.class, ReproduceCommand.class,
			PhantomCommand.class, BenchmarkCommand.class, SelectCommand.class,
			CommandLine.HelpCommand.class }, synopsisSubcommandLabel = "COMMAND",
	commandListHeading = "%nCommands:%n", footer = { "",
		"Run 'java -jar <jar> COMMAND --help' for the options of a command." })
public final class Main implements Runnable {

	/** Exit code for invalid arguments or input. */
	public static final int BAD_INPUT = 2;
	/** Exit code for failures while running. */
	public static final int FAILED = 1;

	@CommandLine.Spec
	private CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		spec.commandLine().usage(spec.commandLine().getOut());
	}

	public static void main(final String[] args) {
		System.exit(run(args));
	}

	/** Runs the command line and returns the exit code (for tests). */
	public static int run(final String... args) {
		return commandLine().execute(args);
	}

	/** @return the configured picocli command line */
	public static CommandLine commandLine() {
		final CommandLine cl = new CommandLine(new Main());
		cl.setParameterExceptionHandler((e, a) -> {
			final PrintWriter err = e.getCommandLine().getErr();
			err.println("error: " + oneLine(e.getMessage()) + " (see --help)");
			err.flush();
			return BAD_INPUT;
		});
		cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
			final PrintWriter err = commandLine.getErr();
			err.println("error: " + Errors.describe(e));
			err.flush();
			return Errors.isInputError(e) ? BAD_INPUT : FAILED;
		});
		return cl;
	}

	static String oneLine(final String s) {
		return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
	}

	/** Reports the project version. */
	public static final class VersionInfo implements IVersionProvider {

		@Override
		public String[] getVersion() {
			return new String[] { "Wasserstein 2D Classes " + Version.get(), "Java " + System
				.getProperty("java.version") };
		}
	}
}
