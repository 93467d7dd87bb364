package org.cryoem.wasserstein.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The image count and edge length a particle file claims, read from its
 * header without loading the images, so that a run too large for the heap can
 * be refused before anything is allocated.
 */
public final class InputSize {

	/** Images in the file. */
	public final long count;
	/** Edge length of the (square) images, or of their x axis. */
	public final long size;

	private InputSize(final long count, final long size) {
		this.count = count;
		this.size = size;
	}

	/**
	 * @return the claimed size of an MRC stack (validated header: positive
	 *         dimensions, supported mode, file long enough), or null for a
	 *         format whose size is not known before reading
	 * @throws InvalidInputException if the header is invalid
	 * @throws IOException if the file cannot be read
	 */
	public static InputSize peek(final Path file) throws IOException {
		final String name = file.getFileName() == null ? "" : file.getFileName().toString()
			.toLowerCase(Locale.ROOT);
		if (name.endsWith(".mrc") || name.endsWith(".mrcs") || name.endsWith(".map")) {
			final MrcHeader h = Mrc.readHeader(file);
			return new InputSize(h.nz, h.nx);
		}
		return null;
	}
}
