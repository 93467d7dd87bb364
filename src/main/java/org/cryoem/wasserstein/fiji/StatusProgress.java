package org.cryoem.wasserstein.fiji;

import java.util.function.BooleanSupplier;

import org.cryoem.wasserstein.Progress;
import org.scijava.app.StatusService;

import ij.IJ;

/**
 * Connects core {@link Progress} to the SciJava status bar; cancels when the
 * command is cancelled, its thread interrupted, or Esc pressed in ImageJ.
 */
final class StatusProgress implements Progress {

	private final StatusService status;
	private final String title;
	private final BooleanSupplier cancelled;
	private final Thread runner = Thread.currentThread();

	StatusProgress(final StatusService status, final String title,
		final BooleanSupplier cancelled)
	{
		IJ.resetEscape();
		this.status = status;
		this.title = title;
		this.cancelled = cancelled;
	}

	@Override
	public void report(final String stage, final long done, final long total) {
		status.showStatus((int) Math.min(done, Integer.MAX_VALUE), (int) Math.min(total,
			Integer.MAX_VALUE), title + ": " + stage);
	}

	@Override
	public boolean isCancelled() {
		return cancelled.getAsBoolean() || runner.isInterrupted() || IJ.escapePressed();
	}
}
