package org.cryoem.wasserstein.cluster;

import java.io.IOException;

/**
 * Where a run saves its {@link LloydState} after k-means++ and after every
 * Lloyd iteration, and from which a run resumes. The file format is the
 * implementation's business ({@code io.CheckpointFiles} keeps it in an output
 * directory's {@code checkpoint/} folder).
 */
public interface Checkpoint {

	/**
	 * @return the state to resume from, or null to start from scratch
	 * @throws IOException if a saved state exists but cannot be read
	 */
	LloydState restore() throws IOException;

	/**
	 * Saves a state; called on the coordinating thread. Must not leave a
	 * half-written state behind if the process dies while saving.
	 *
	 * @throws IOException if it cannot be saved (the run then stops)
	 */
	void save(LloydState state) throws IOException;
}
