package org.cryoem.wasserstein.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import org.cryoem.wasserstein.image.ParticleStack;

/**
 * Reads particle images from files by their extension: {@code .mrcs}/{@code .mrc}
 * (MRC), {@code .tif}/{@code .tiff} (TIFF, see {@link TiffReader}), and single
 * images named RELION-style as {@code N@stack.mrcs} (1-based N).
 */
public final class ParticleFiles {

	/** A stack read from a file, with its pixel size when the file records one. */
	public static final class Loaded {

		/** The images. */
		public final ParticleStack stack;
		/** Pixel size in Å, NaN when unknown. */
		public final double pixelSize;

		Loaded(final ParticleStack stack, final double pixelSize) {
			this.stack = stack;
			this.pixelSize = pixelSize;
		}
	}

	private ParticleFiles() {}

	/**
	 * Reads a whole stack.
	 *
	 * @throws InvalidInputException for a missing, unreadable or malformed file, or
	 *           an unsupported extension
	 */
	public static Loaded readStack(final Path file) throws IOException {
		requireReadable(file);
		final String ext = extension(file);
		switch (ext) {
			case "mrc":
			case "mrcs":
			case "map": {
				final MrcHeader header = Mrc.readHeader(file);
				final double px = header.voxelSizeX() > 0 ? header.voxelSizeX() : Double.NaN;
				return new Loaded(Mrc.readStack(file), px);
			}
			case "tif":
			case "tiff":
				return new Loaded(TiffReader.readStack(file), Double.NaN);
			default:
				throw new InvalidInputException(file + ": unsupported file type '." + ext +
					"' (use .mrcs, .mrc or .tif)");
		}
	}

	/**
	 * Reads one image: {@code N@stack.mrcs} is image N (1-based) of a stack; a plain
	 * path must hold exactly one image.
	 *
	 * @return the image's pixels; its edge length is in {@link Loaded#stack}
	 */
	public static Loaded readImage(final String spec) throws IOException {
		final int at = spec.indexOf('@');
		if (at > 0) {
			final int index;
			try {
				index = Integer.parseInt(spec.substring(0, at).trim());
			}
			catch (final NumberFormatException e) {
				throw new InvalidInputException(spec + ": expected N@stack with a whole number N");
			}
			final Path file = Paths.get(spec.substring(at + 1));
			final Loaded all = readStack(file);
			if (index < 1 || index > all.stack.count()) throw new InvalidInputException(spec +
				": image " + index + " is out of range (the stack holds " + all.stack.count() + ")");
			return new Loaded(new ParticleStack(all.stack.size(), new float[][] { all.stack.image(
				index - 1) }), all.pixelSize);
		}
		final Path file = Paths.get(spec);
		final Loaded all = readStack(file);
		if (all.stack.count() != 1) throw new InvalidInputException(file + " holds " + all.stack
			.count() + " images; name one as N@" + file.getFileName());
		return all;
	}

	private static void requireReadable(final Path file) throws InvalidInputException {
		if (!Files.exists(file)) throw new InvalidInputException(file + ": no such file");
		if (Files.isDirectory(file)) throw new InvalidInputException(file + " is a directory");
		if (!Files.isReadable(file)) throw new InvalidInputException(file + ": permission denied");
	}

	private static String extension(final Path file) {
		final String name = file.getFileName().toString();
		final int dot = name.lastIndexOf('.');
		return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
	}
}
