package org.cryoem.wasserstein;

/**
 * Progress reporting and cooperative cancellation for long-running core work.
 * <p>
 * The core calls {@link #report} from its coordinating thread only (never from
 * worker threads), so implementations need no synchronisation. Adapters connect
 * this to their own UI: the ImageJ status bar, a console line, a test recorder.
 * </p>
 */
public interface Progress {

	/** Does nothing and never cancels. */
	Progress NONE = (stage, done, total) -> {};

	/**
	 * @param stage short human-readable description, e.g. "iteration 3: assigning"
	 * @param done units of work completed in this stage
	 * @param total units of work in this stage (≥ 1)
	 */
	void report(String stage, long done, long total);

	/**
	 * Polled by the core between work units; returning {@code true} makes the
	 * current operation stop and throw {@link java.util.concurrent.CancellationException}.
	 */
	default boolean isCancelled() {
		return false;
	}
}
