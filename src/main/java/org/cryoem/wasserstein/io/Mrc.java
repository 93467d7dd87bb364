package org.cryoem.wasserstein.io;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import org.cryoem.wasserstein.Version;
import org.cryoem.wasserstein.image.ParticleStack;

/**
 * Reads and writes MRC/MRCS files (MRC2014).
 * <p>
 * <b>Reading</b> supports modes 0 (int8), 1 (int16), 2 (float32), 6 (uint16)
 * and 12 (float16), in either byte order (taken from the machine stamp, with a
 * plausibility check of the header words as fallback), and skips an extended
 * header of NSYMBT bytes. Mode 0 is read as <em>signed</em> 8-bit integers, as
 * MRC2014 specifies and mrcfile does (some old software wrote unsigned bytes;
 * such files read as negative values above 127). Every value is converted to
 * float.
 * </p>
 * <p>
 * <b>Pixel order:</b> x is the fastest axis, then y, then z; row y = 0 is the
 * first row stored in the file, as mrcfile/numpy show it ({@code data[z, y, x]}),
 * which is also the top row as ImageJ displays a {@link ParticleStack}. The
 * axis mapping (MAPC/MAPR/MAPS) is not applied, as in mrcfile.
 * </p>
 * <p>
 * Bad input raises {@link InvalidInputException} with a one-line message naming
 * the file: non-positive dimensions, unsupported mode, negative NSYMBT, or a file
 * shorter than 1024 + NSYMBT + nx·ny·nz·bytes (checked with 64-bit arithmetic
 * before anything is allocated, so absurd header sizes are refused cheaply).
 * </p>
 * <p>
 * <b>Writing</b> always produces little-endian float32 (mode 2) files with an
 * MRC2014 header ("MAP ", machine stamp 0x44 0x44 0 0, NVERSION 20140, cell =
 * n·pixel size, axes 1/2/3, exact DMIN/DMAX, DMEAN and RMS, one label), which
 * {@code mrcfile.validate} accepts. Image stacks get ISPG 0 and MZ 1, volumes
 * ISPG 1 and MZ = NZ.
 * </p>
 */
public final class Mrc {

	private static final int CHUNK_BYTES = 1 << 20;

	private Mrc() {}

	/**
	 * Reads and validates the header of an MRC file.
	 *
	 * @throws InvalidInputException if the header is invalid or the file too short
	 * @throws IOException if the file cannot be read
	 */
	public static MrcHeader readHeader(final Path file) throws IOException {
		try (FileChannel ch = open(file)) {
			return readHeader(file, ch);
		}
	}

	/**
	 * Reads a whole MRC file (e.g. a 3D map, or a stack of non-square images).
	 *
	 * @throws InvalidInputException if the file is invalid, or holds more than
	 *           2³¹ − 9 voxels
	 * @throws IOException if the file cannot be read
	 */
	public static MrcData read(final Path file) throws IOException {
		try (FileChannel ch = open(file)) {
			final MrcHeader h = readHeader(file, ch);
			final long n = (long) h.nx * h.ny * h.nz;
			if (n > Integer.MAX_VALUE - 8) {
				throw new InvalidInputException(file, "holds " + n +
					" voxels, too many to load into one array");
			}
			final float[] data = new float[(int) n];
			readVoxels(file, ch, h, h.dataOffset(), data);
			return new MrcData(h, data);
		}
	}

	/**
	 * Reads an MRC/MRCS file of square images as a particle stack (each section
	 * is one image).
	 *
	 * @throws InvalidInputException if the file is invalid or its images are not
	 *           square
	 * @throws IOException if the file cannot be read
	 */
	public static ParticleStack readStack(final Path file) throws IOException {
		return readStack(file, Integer.MAX_VALUE);
	}

	/**
	 * Reads the first {@code count} images of an MRC/MRCS file (all of them
	 * if it has fewer), as {@link #readStack(Path)} does.
	 *
	 * @throws IllegalArgumentException if the images cannot fit in the heap (a
	 *           one-line message naming -Xmx, instead of an OutOfMemoryError)
	 * @throws InvalidInputException if the file is invalid or its images are not
	 *           square
	 * @throws IOException if the file cannot be read
	 */
	public static ParticleStack readStack(final Path file, final int count) throws IOException {
		try (FileChannel ch = open(file)) {
			final MrcHeader h = readHeader(file, ch);
			final int n = checkSquare(file, h);
			final int nz = Math.min(h.nz, Math.max(0, count));
			checkHeap(file, nz, n);
			final float[][] images = new float[nz][];
			final long imageBytes = (long) n * n * h.bytesPerVoxel();
			for (int z = 0; z < nz; z++) {
				images[z] = new float[n * n];
				readVoxels(file, ch, h, h.dataOffset() + z * imageBytes, images[z]);
			}
			return new ParticleStack(n, images);
		}
	}

	/** Refuses, before allocating, a stack of {@code count} n×n float images that cannot fit in the heap. */
	private static void checkHeap(final Path file, final int count, final int n) {
		final Runtime rt = Runtime.getRuntime();
		final long max = rt.maxMemory();
		if (max == Long.MAX_VALUE) return;
		final long need = (long) count * (4L * n * n + 16);
		long free = max - (rt.totalMemory() - rt.freeMemory());
		if (need > free) {
			System.gc();
			free = max - (rt.totalMemory() - rt.freeMemory());
		}
		if (need > free) throw new IllegalArgumentException(String.format(Locale.ROOT,
			"Not enough memory to read %s: %d images of %dx%d need %d MB, but only %d MB of the %d MB maximum heap are free; raise it (e.g. java -Xmx%dm, or Edit > Options > Memory in Fiji)",
			file.getFileName(), count, n, n, need >> 20, free >> 20, max >> 20, ((max - free + need) * 2 >> 20) + 1));
	}

	/**
	 * Reads one image (section) of an MRC file.
	 *
	 * @param index 0-based index of the image, 0 ≤ index &lt; nz
	 * @return nx·ny values, row-major (index y·nx + x)
	 * @throws IllegalArgumentException if the index is out of range
	 * @throws InvalidInputException if the file is invalid
	 * @throws IOException if the file cannot be read
	 */
	public static float[] readImage(final Path file, final int index) throws IOException {
		try (FileChannel ch = open(file)) {
			final MrcHeader h = readHeader(file, ch);
			if (index < 0 || index >= h.nz) {
				throw new IllegalArgumentException(file + ": image index " + index +
					" is out of range; the file holds " + h.nz + " image(s), indices 0.." + (h.nz - 1));
			}
			final long pixels = (long) h.nx * h.ny;
			if (pixels > Integer.MAX_VALUE - 8) {
				throw new InvalidInputException(file, "images of " + h.nx + "×" + h.ny +
					" pixels are too large to load");
			}
			final float[] image = new float[(int) pixels];
			readVoxels(file, ch, h, h.dataOffset() + index * pixels * h.bytesPerVoxel(), image);
			return image;
		}
	}

	/**
	 * Reads selected images (sections) of an MRC file, opening it once: the
	 * way to read the particles a STAR file references in one stack.
	 *
	 * @param indices 0-based image indices, in the order wanted (repeats allowed)
	 * @return one nx·ny array per index, row-major
	 * @throws InvalidInputException if the file is invalid, an index is out of
	 *           range, or its images are not square
	 * @throws IOException if the file cannot be read
	 */
	public static ParticleStack readImages(final Path file, final int[] indices)
		throws IOException
	{
		try (FileChannel ch = open(file)) {
			final MrcHeader h = readHeader(file, ch);
			final int n = checkSquare(file, h);
			final long imageBytes = (long) n * n * h.bytesPerVoxel();
			final float[][] images = new float[indices.length][];
			for (int i = 0; i < indices.length; i++) {
				final int z = indices[i];
				if (z < 0 || z >= h.nz) throw new InvalidInputException(file, "image " + (z + 1) +
					" is out of range (the stack holds " + h.nz + ")");
				images[i] = new float[n * n];
				readVoxels(file, ch, h, h.dataOffset() + z * imageBytes, images[i]);
			}
			return new ParticleStack(n, images);
		}
	}

	// ---------------------------------------------------------------- writing

	/**
	 * Writes a particle stack as a little-endian float32 MRC image stack
	 * (ISPG 0, MZ 1).
	 *
	 * @param pixelSize pixel size in Å; 0, negative or NaN for unknown (cell 0)
	 * @throws IllegalArgumentException if the stack is empty
	 */
	public static void writeStack(final Path file, final ParticleStack stack, final double pixelSize)
		throws IOException
	{
		if (stack.count() < 1) throw new IllegalArgumentException("Cannot write an empty stack to " +
			file);
		final int n = stack.size();
		final float[][] images = new float[stack.count()][];
		for (int i = 0; i < images.length; i++)
			images[i] = stack.image(i);
		write(file, n, n, images, pixelSize, false);
	}

	/**
	 * Writes a volume as a little-endian float32 MRC map (ISPG 1, MZ = NZ).
	 *
	 * @param data nx·ny·nz voxels, x fastest
	 * @param voxelSize voxel size in Å; 0, negative or NaN for unknown (cell 0)
	 */
	public static void writeVolume(final Path file, final int nx, final int ny, final int nz,
		final float[] data, final double voxelSize) throws IOException
	{
		if (nx < 1 || ny < 1 || nz < 1) throw new IllegalArgumentException("Invalid dimensions " + nx +
			"×" + ny + "×" + nz + " for " + file);
		if ((long) nx * ny * nz != data.length) throw new IllegalArgumentException("Volume " + nx + "×" +
			ny + "×" + nz + " does not match " + data.length + " voxels for " + file);
		final float[][] sections = new float[nz][];
		for (int z = 0; z < nz; z++) {
			sections[z] = new float[nx * ny];
			System.arraycopy(data, z * nx * ny, sections[z], 0, nx * ny);
		}
		write(file, nx, ny, sections, voxelSize, true);
	}

	private static void write(final Path file, final int nx, final int ny, final float[][] sections,
		final double pixelSize, final boolean volume) throws IOException
	{
		final int nz = sections.length;
		// statistics in double precision; RMS is the standard deviation, as in mrcfile
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0;
		long count = 0;
		for (final float[] s : sections) {
			for (final float v : s) {
				if (v < min) min = v;
				if (v > max) max = v;
				sum += v;
			}
			count += s.length;
		}
		final double mean = sum / count;
		double ss = 0;
		for (final float[] s : sections)
			for (final float v : s) {
				final double d = v - mean;
				ss += d * d;
			}
		final double rms = Math.sqrt(ss / count);
		final boolean known = pixelSize > 0 && Double.isFinite(pixelSize);
		final int mz = volume ? nz : 1;

		final ByteBuffer h = ByteBuffer.allocate(MrcHeader.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
		h.putInt(0, nx).putInt(4, ny).putInt(8, nz).putInt(12, 2);
		// nxstart, nystart, nzstart = 0
		h.putInt(28, nx).putInt(32, ny).putInt(36, mz);
		h.putFloat(40, known ? (float) (nx * pixelSize) : 0f);
		h.putFloat(44, known ? (float) (ny * pixelSize) : 0f);
		h.putFloat(48, known ? (float) (mz * pixelSize) : 0f);
		h.putFloat(52, 90f).putFloat(56, 90f).putFloat(60, 90f);
		h.putInt(64, 1).putInt(68, 2).putInt(72, 3);
		h.putFloat(76, (float) min).putFloat(80, (float) max).putFloat(84, (float) mean);
		h.putInt(88, volume ? 1 : 0);
		h.putInt(92, 0); // nsymbt
		h.putInt(108, 20140); // nversion
		// origin = 0
		putAscii(h, 208, "MAP ");
		h.put(212, (byte) 0x44).put(213, (byte) 0x44);
		h.putFloat(216, (float) rms);
		h.putInt(220, 1);
		putAscii(h, 224, label());

		final ByteBuffer buf = ByteBuffer.allocate(4 * nx * Math.max(1, Math.min(ny, CHUNK_BYTES / (4 *
			nx)))).order(ByteOrder.LITTLE_ENDIAN);
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
			out.write(h.array());
			for (final float[] s : sections) {
				for (int i = 0; i < s.length;) {
					buf.clear();
					while (i < s.length && buf.remaining() >= 4)
						buf.putFloat(s[i++]);
					out.write(buf.array(), 0, buf.position());
				}
			}
		}
	}

	private static String label() {
		String l = "Wasserstein 2D Classes " + Version.get() + " " + java.time.LocalDateTime.now()
			.withNano(0).toString().replace('T', ' ');
		l = l.replaceAll("[^\\x20-\\x7e]", "?");
		return l.length() > 80 ? l.substring(0, 80) : l;
	}

	private static void putAscii(final ByteBuffer b, final int off, final String s) {
		final byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
		for (int i = 0; i < bytes.length; i++)
			b.put(off + i, bytes[i]);
	}

	// ---------------------------------------------------------------- internals

	private static FileChannel open(final Path file) throws IOException {
		if (!Files.isRegularFile(file)) {
			if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null,
				"no such file");
			throw new InvalidInputException(file, "is not a regular file");
		}
		return FileChannel.open(file, StandardOpenOption.READ);
	}

	private static MrcHeader readHeader(final Path file, final FileChannel ch) throws IOException {
		final long length = ch.size();
		if (length < MrcHeader.HEADER_BYTES) {
			throw new InvalidInputException(file, "is too short for an MRC file (" + length +
				" bytes; the header alone is 1024)");
		}
		final ByteBuffer b = ByteBuffer.allocate(MrcHeader.HEADER_BYTES);
		readFully(file, ch, b, 0);
		final MrcHeader h = MrcHeader.parse(b.array());
		if (h.nx < 1 || h.ny < 1 || h.nz < 1) {
			throw new InvalidInputException(file, "invalid MRC dimensions " + h.nx + "×" + h.ny + "×" +
				h.nz + " (all must be positive)");
		}
		if (h.bytesPerVoxel() < 0) {
			throw new InvalidInputException(file, "unsupported MRC mode " + h.mode +
				" (supported: 0 int8, 1 int16, 2 float32, 6 uint16, 12 float16)");
		}
		if (h.nsymbt < 0) {
			throw new InvalidInputException(file, "invalid extended header length " + h.nsymbt);
		}
		// 64-bit arithmetic with an overflow check: the header may claim anything
		long expected;
		try {
			expected = Math.addExact(h.dataOffset(), Math.multiplyExact(Math.multiplyExact((long) h.nx *
				h.ny, (long) h.nz), (long) h.bytesPerVoxel()));
		}
		catch (final ArithmeticException e) {
			expected = Long.MAX_VALUE;
		}
		if (length < expected) {
			throw new InvalidInputException(file, "is truncated: the header describes " + h.nx + "×" +
				h.ny + "×" + h.nz + " voxels of mode " + h.mode + " (" + (expected == Long.MAX_VALUE
					? "over 2^63" : String.valueOf(expected)) + " bytes with the header) but the file has " +
				length + " bytes");
		}
		return h;
	}

	/** Reads dst.length voxels starting at byte {@code offset} into dst. */
	private static void readVoxels(final Path file, final FileChannel ch, final MrcHeader h,
		final long offset, final float[] dst) throws IOException
	{
		final int bpv = h.bytesPerVoxel();
		final ByteOrder order = h.bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
		final int chunkVoxels = (int) Math.min(dst.length, CHUNK_BYTES / bpv);
		final ByteBuffer buf = ByteBuffer.allocate(chunkVoxels * bpv).order(order);
		long pos = offset;
		for (int i = 0; i < dst.length;) {
			final int n = Math.min(chunkVoxels, dst.length - i);
			buf.clear().limit(n * bpv);
			readFully(file, ch, buf, pos);
			pos += (long) n * bpv;
			buf.flip();
			switch (h.mode) {
				case 0:
					for (int k = 0; k < n; k++)
						dst[i++] = buf.get();
					break;
				case 1:
					for (int k = 0; k < n; k++)
						dst[i++] = buf.getShort();
					break;
				case 2:
					buf.asFloatBuffer().get(dst, i, n);
					i += n;
					break;
				case 6:
					for (int k = 0; k < n; k++)
						dst[i++] = buf.getShort() & 0xffff;
					break;
				case 12:
					for (int k = 0; k < n; k++)
						dst[i++] = halfToFloat(buf.getShort());
					break;
				default:
					throw new InvalidInputException(file, "unsupported MRC mode " + h.mode);
			}
		}
	}

	private static void readFully(final Path file, final FileChannel ch, final ByteBuffer b,
		long pos) throws IOException
	{
		while (b.hasRemaining()) {
			final int r = ch.read(b, pos);
			if (r < 0) throw new InvalidInputException(file, "ended unexpectedly at byte " + pos,
				new EOFException());
			pos += r;
		}
	}

	private static int checkSquare(final Path file, final MrcHeader h) throws IOException {
		if (h.nx != h.ny) {
			throw new InvalidInputException(file, "images are " + h.nx + "×" + h.ny +
				" pixels, but a particle stack needs square images");
		}
		if ((long) h.nx * h.nx > Integer.MAX_VALUE - 8) {
			throw new InvalidInputException(file, "images of " + h.nx + "×" + h.ny +
				" pixels are too large to load");
		}
		return h.nx;
	}

	/** Converts an IEEE 754 half-precision value to float (exact). */
	static float halfToFloat(final short half) {
		final int bits = half & 0xffff;
		final int sign = (bits & 0x8000) << 16;
		final int exp = (bits >>> 10) & 0x1f;
		final int mant = bits & 0x3ff;
		if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
		if (exp == 0) {
			final float v = mant * 0x1p-24f; // subnormal or zero
			return sign != 0 ? -v : v;
		}
		return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
	}
}
