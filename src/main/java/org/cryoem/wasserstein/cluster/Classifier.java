package org.cryoem.wasserstein.cluster;

import org.cryoem.wasserstein.Progress;
import org.cryoem.wasserstein.image.ParticleStack;

/** Rotation-invariant k-means (k-means++ then Lloyd). PLACEHOLDER body. */
public final class Classifier {

	private Classifier() {}

	/**
	 * Classifies a stack. The input is never modified.
	 *
	 * @throws IllegalArgumentException for invalid parameters or input
	 * @throws java.util.concurrent.CancellationException if progress reports cancellation
	 */
	public static ClassificationResult classify(final ParticleStack input,
		final ClassificationParameters params, final Progress progress)
	{
		throw new UnsupportedOperationException("not yet implemented");
	}
}
