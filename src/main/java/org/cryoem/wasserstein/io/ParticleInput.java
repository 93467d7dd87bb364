package org.cryoem.wasserstein.io;

import java.io.IOException;
import java.nio.file.Path;

import org.cryoem.wasserstein.image.ParticleStack;

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

	/** @return the file name, as {@code run.json} and image names record it */
	public String name() {
		return path.getFileName().toString();
	}
}
