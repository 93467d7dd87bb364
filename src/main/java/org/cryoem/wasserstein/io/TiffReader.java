package org.cryoem.wasserstein.io;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.cryoem.wasserstein.image.ParticleStack;

/**
 * Reads single- or multi-page grayscale TIFF files (as ImageJ writes them:
 * 8-bit and 16-bit unsigned integers, 32-bit float; also signed 16-bit, 32-bit
 * integer and 64-bit float) into a {@link ParticleStack}, with the TIFF reader
 * that ships with the JDK ({@code javax.imageio}, Java 9+), so that no ImageJ
 * classes are needed.
 * <p>
 * Every page is one image; all pages must be square and of the same size.
 * Pixel values are the stored sample values (no lookup table, photometric
 * interpretation or calibration is applied). Row 0 is the first row stored in
 * the file, the top row as ImageJ displays it. BigTIFF is not supported.
 * </p>
 */
public final class TiffReader {

	private TiffReader() {}

	/**
	 * Reads every page of a grayscale TIFF file.
	 *
	 * @throws InvalidInputException if the file is not a readable grayscale TIFF,
	 *           or its pages are not square images of one size
	 * @throws IOException if the file cannot be read
	 */
	public static ParticleStack readStack(final Path file) throws IOException {
		checkSignature(file);
		final Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("tiff");
		if (!readers.hasNext()) throw new IOException("This Java runtime has no TIFF reader");
		final ImageReader reader = readers.next();
		try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
			if (in == null) throw new IOException(file + ": cannot open for reading");
			reader.setInput(in, false, true);
			final int count = reader.getNumImages(true);
			if (count < 1) throw new InvalidInputException(file, "holds no images");
			int size = -1;
			final float[][] images = new float[count][];
			for (int i = 0; i < count; i++) {
				final int w = reader.getWidth(i), h = reader.getHeight(i);
				if (w != h) {
					throw new InvalidInputException(file, "page " + (i + 1) + " is " + w + "×" + h +
						" pixels, but a particle stack needs square images");
				}
				if (size < 0) size = w;
				else if (w != size) {
					throw new InvalidInputException(file, "page " + (i + 1) + " is " + w + "×" + h +
						" pixels, unlike page 1 (" + size + "×" + size + ")");
				}
				// the JDK reader does not implement readRaster; read() keeps the samples
				final Raster r = reader.read(i).getRaster();
				if (r.getNumBands() != 1) {
					throw new InvalidInputException(file, "page " + (i + 1) + " has " + r.getNumBands() +
						" samples per pixel; only grayscale images are supported");
				}
				final int type = r.getDataBuffer().getDataType();
				if (type == DataBuffer.TYPE_UNDEFINED) {
					throw new InvalidInputException(file, "page " + (i + 1) +
						" has an unsupported sample format");
				}
				if ((long) w * h > Integer.MAX_VALUE - 8) {
					throw new InvalidInputException(file, "images of " + w + "×" + h +
						" pixels are too large to load");
				}
				// getSamples(float[]) reads TYPE_BYTE and TYPE_USHORT as unsigned values
				images[i] = r.getSamples(r.getMinX(), r.getMinY(), w, h, 0, new float[w * h]);
			}
			return new ParticleStack(size, images);
		}
		catch (final InvalidInputException e) {
			throw e;
		}
		catch (final IOException | RuntimeException e) {
			final String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()
				.replaceAll("\\s+", " ");
			throw new InvalidInputException(file, "cannot be read as a TIFF image: " + why, e);
		}
		finally {
			reader.dispose();
		}
	}

	private static void checkSignature(final Path file) throws IOException {
		if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "no such file");
		if (!Files.isRegularFile(file)) throw new InvalidInputException(file, "is not a regular file");
		final byte[] b = new byte[4];
		int n = 0;
		try (InputStream in = Files.newInputStream(file)) {
			while (n < 4) {
				final int r = in.read(b, n, 4 - n);
				if (r < 0) break;
				n += r;
			}
		}
		final boolean ii = n == 4 && b[0] == 'I' && b[1] == 'I';
		final boolean mm = n == 4 && b[0] == 'M' && b[1] == 'M';
		final int magic = ii ? (b[2] & 0xff) | (b[3] & 0xff) << 8 : mm ? (b[2] & 0xff) << 8 |
			(b[3] & 0xff) : -1;
		if (magic == 43) throw new InvalidInputException(file, "is a BigTIFF file, which is not supported");
		if (magic != 42) throw new InvalidInputException(file, "is not a TIFF file");
	}
}
