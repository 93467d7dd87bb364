package org.cryoem.wasserstein.cli;

import java.io.PrintStream;
import java.util.Locale;

import org.cryoem.wasserstein.Progress;

/**
 * Progress on the console: a line when a stage completes, and at most one every
 * two seconds within a long stage, written to standard error so that standard output stays clean.
 */
final class ConsoleProgress implements Progress {

	private final PrintStream out;
	private final boolean quiet;
	private String lastStage = "";
	private long lastTime;

	ConsoleProgress(final PrintStream out, final boolean quiet) {
		this.out = out;
		this.quiet = quiet;
	}

	@Override
	public void report(final String stage, final long done, final long total) {
		if (quiet) return;
		final long now = System.nanoTime();
		// One line when a stage completes, and at most one every two seconds within it.
		if (!stage.equals(lastStage)) {
			lastStage = stage;
			lastTime = now;
		}
		if (done < total && now - lastTime < 2_000_000_000L) return;
		lastTime = now;
		out.printf(Locale.ROOT, "%s: %d/%d (%.0f%%)%n", stage, done, total, 100.0 * done / Math.max(
			1, total));
	}
}
