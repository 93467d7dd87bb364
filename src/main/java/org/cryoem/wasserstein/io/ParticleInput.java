package org.cryoem.wasserstein.io;

import java.io.IOException;
import java.nio.file.Path;

import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.image.Preprocessing;

/**
 * The input of a classification run read from a file: a STAR file (see
 * {@link StarParticles}) or an image stack ({@link ParticleFiles#readStack}),
 * told apart by the {@code .star} extension.
 */
public final class ParticleInput {

	/** The file as given. */
	public final Path path;
	/** The raw images, in file (or STAR row) order. */
	public final ParticleStack stack;
	/** Pixel size in Å of the raw images, NaN when unknown. */
	public final double pixelSize;
	/** The STAR input, or null for an image stack. */
	public final StarParticles star;

	private ParticleInput(final Path path, final ParticleStack stack, final double pixelSize,
		final StarParticles star)
	{
		this.path = path;
		this.stack = stack;
		this.pixelSize = pixelSize;
		this.star = star;
	}

	/**
	 * Reads a STAR file with the stacks it references, or an image stack.
	 *
	 * @throws InvalidInputException with a one-line message for bad content
	 * @throws IOException if a file cannot be read
	 */
	public static ParticleInput read(final Path path) throws IOException {
		if (StarParticles.isStar(path)) {
			final StarParticles s = StarParticles.read(path);
			return new ParticleInput(path, s.stack, s.pixelSize, s);
		}
		final ParticleFiles.Loaded l = ParticleFiles.readStack(path);
		return new ParticleInput(path, l.stack, l.pixelSize, null);
	}

	/**
	 * Checks the run's parameters and preprocessing against these images and
	 * prepares the images to classify.
	 *
	 * @return the working images (the raw ones when no preprocessing is asked for)
	 * @throws IllegalArgumentException with a one-line message for invalid options
	 */
	public ParticleStack prepare(final Preprocessing prep, final ClassificationParameters params) {
		prep.validate(stack.size());
		final int size = prep.workingSize(stack.size());
		params.validate(stack.count(), size);
		return prep.apply(stack, params.effectiveMaskRadius(size));
	}

	/** @return the file name, as {@code run.json} and image names record it */
	public String name() {
		return path.getFileName().toString();
	}
}
