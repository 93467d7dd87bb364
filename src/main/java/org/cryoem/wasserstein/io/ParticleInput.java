package org.cryoem.wasserstein.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.image.Preprocessing;

/**
 * The input of a classification run read from a file, a STAR file (see
 * {@link StarParticles}) or an image stack ({@link ParticleFiles#readStack}),
 * told apart by the {@code .star} extension, and prepared for classification
 * by a {@link Preprocessing}. For a STAR file the images of each stack are
 * preprocessed as soon as they are read, so that with {@code box} the raw
 * images of only one stack are in memory at a time. The files are never
 * modified.
 */
public final class ParticleInput {

	/** The file as given. */
	public final Path path;
	/** The working images (after preprocessing), in file (or STAR row) order. */
	public final ParticleStack stack;
	/** Edge length N of the images on disk. */
	public final int rawSize;
	/** Pixel size in Å of the images on disk, NaN when unknown. */
	public final double pixelSize;
	/** The STAR input, or null for an image stack. */
	public final StarParticles star;
	/** The preprocessing applied. */
	public final Preprocessing prep;

	private ParticleInput(final Path path, final ParticleStack stack, final int rawSize,
		final double pixelSize, final StarParticles star, final Preprocessing prep)
	{
		this.path = path;
		this.stack = stack;
		this.rawSize = rawSize;
		this.pixelSize = pixelSize;
		this.star = star;
		this.prep = prep;
	}

	/**
	 * Reads a STAR file with the stacks it references, or an image stack, as
	 * they are.
	 *
	 * @throws InvalidInputException with a one-line message for bad content
	 * @throws IOException if a file cannot be read
	 */
	public static ParticleInput read(final Path path) throws IOException {
		return read(path, new Preprocessing(), null);
	}

	/**
	 * Reads and preprocesses the input of a run and checks the run's parameters
	 * against it.
	 *
	 * @param prep the preprocessing to apply
	 * @param params the run's parameters (its mask radius is the background
	 *          radius of {@link Preprocessing#normalize}); null to skip the check
	 * @throws IllegalArgumentException with a one-line message for invalid options
	 * @throws InvalidInputException with a one-line message for bad content
	 * @throws IOException if a file cannot be read
	 */
	public static ParticleInput read(final Path path, final Preprocessing prep,
		final ClassificationParameters params) throws IOException
	{
		final UnaryOperator<ParticleStack> apply = raw -> {
			prep.validate(raw.size());
			final int size = prep.workingSize(raw.size());
			return prep.apply(raw, params == null ? -1 : params.effectiveMaskRadius(size));
		};
		// (params are checked once all images are read, below)
		final ParticleInput in;
		if (StarParticles.isStar(path)) {
			final StarParticles s = StarParticles.read(path, apply);
			in = new ParticleInput(path, s.stack, s.imageSize, s.pixelSize, s, prep);
		}
		else {
			final ParticleFiles.Loaded l = ParticleFiles.readStack(path);
			in = new ParticleInput(path, apply.apply(l.stack), l.stack.size(), l.pixelSize, null, prep);
		}
		if (params != null) params.validate(in.stack.count(), in.stack.size());
		return in;
	}

	/**
	 * Preprocesses images already in memory (e.g. an ImageJ stack) for a run,
	 * checking the options and the run's parameters at the working size.
	 *
	 * @param raw the images; not modified
	 * @return the working images (raw itself when no preprocessing is asked for)
	 * @throws IllegalArgumentException with a one-line message for invalid options
	 */
	public static ParticleStack prepare(final ParticleStack raw, final Preprocessing prep,
		final ClassificationParameters params)
	{
		prep.validate(raw.size());
		final int size = prep.workingSize(raw.size());
		params.validate(raw.count(), size);
		return prep.apply(raw, params.effectiveMaskRadius(size));
	}

	/** @return the pixel size of the working images, NaN when unknown */
	public double workingPixelSize() {
		return prep.workingPixelSize(rawSize, pixelSize);
	}

	/** @return the file name, as {@code run.json} and image names record it */
	public String name() {
		return path.getFileName().toString();
	}
}
