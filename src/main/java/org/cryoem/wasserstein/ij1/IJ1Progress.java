package org.cryoem.wasserstein.ij1;

import ij.IJ;

import org.cryoem.wasserstein.Progress;

/**
 * {@link Progress} on the ImageJ 1.x status bar and progress bar; the Esc key
 * ({@link IJ#escapePressed()}) cancels.
 */
public final class IJ1Progress implements Progress {

	private final String title;

	/** @param title prefix of status messages, e.g. the plugin name */
	public IJ1Progress(final String title) {
		this.title = title;
		IJ.resetEscape();
	}

	@Override
	public void report(final String stage, final long done, final long total) {
		IJ.showStatus(title + ": " + stage + " (" + done + "/" + total + ")");
		IJ.showProgress((double) done / Math.max(1, total));
	}

	@Override
	public boolean isCancelled() {
		return IJ.escapePressed();
	}

	/** Clears the progress bar and shows a final status message. */
	public void done(final String message) {
		IJ.showProgress(1.0);
		IJ.showStatus(title + ": " + message);
	}
}
