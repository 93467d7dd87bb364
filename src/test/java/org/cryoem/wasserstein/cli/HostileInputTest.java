package org.cryoem.wasserstein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.cryoem.wasserstein.cluster.MemoryEstimate;
import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.io.Mrc;
import org.cryoem.wasserstein.io.RunWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken input through the command line: every case ends in one
 * {@code error: } line on standard error, exit code 2, and no output directory.
 */
class HostileInputTest {

	@TempDir
	Path tmp;

	/** A raw little-endian MRC header; {@code dataBytes} of zeros follow. */
	private Path mrc(final String name, final int nx, final int ny, final int nz, final int mode,
		final long dataBytes) throws Exception
	{
		final ByteBuffer h = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
		h.putInt(0, nx).putInt(4, ny).putInt(8, nz).putInt(12, mode);
		h.putInt(64, 1).putInt(68, 2).putInt(72, 3);
		h.put(208, (byte) 'M').put(209, (byte) 'A').put(210, (byte) 'P').put(211, (byte) ' ');
		h.put(212, (byte) 0x44).put(213, (byte) 0x44);
		final Path file = tmp.resolve(name);
		try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
			f.write(h.array());
			f.setLength(1024 + dataBytes); // sparse: no disk used for the zeros
		}
		return file;
	}

	/** A stack of n noisy 32×32 images, with {@code edit} applied to image {@code which}. */
	private Path stack(final String name, final int n, final int which, final float value)
		throws Exception
	{
		final Random random = new Random(3);
		final float[][] images = new float[n][32 * 32];
		for (final float[] image : images)
			for (int p = 0; p < image.length; p++)
				image[p] = (float) random.nextGaussian();
		if (which >= 0) images[which][100] = value;
		final Path file = tmp.resolve(name);
		Mrc.writeStack(file, new ParticleStack(32, images), 1);
		return file;
	}

	private Path out() {
		return tmp.resolve("out");
	}

	/** Runs classify, expects exit 2, one error line containing {@code expected}, and no output. */
	private void refused(final String expected, final String... args) {
		final String[] full = Arrays.copyOf(new String[] { "classify" }, 1 + args.length + 6);
		System.arraycopy(args, 0, full, 1, args.length);
		System.arraycopy(new String[] { "--output", out().toString(), "--rotations", "8",
			"--max-iterations", "2" }, 0, full, 1 + args.length, 6);
		final String err = CliTest.run(2, full)[1].trim();
		assertEquals(1, err.split("\n").length, err);
		assertTrue(err.startsWith("error: "), err);
		assertFalse(err.contains("Exception"), err);
		assertTrue(err.contains(expected), "expected '" + expected + "' in: " + err);
		assertFalse(Files.exists(out()), "no output directory for a refused run: " + err);
	}

	@Test
	void emptyNonSquareTruncatedAndUnsupportedMrc() throws Exception {
		refused("invalid MRC dimensions 32×32×0", mrc("empty.mrcs", 32, 32, 0, 2, 0).toString());
		refused("square", mrc("wide.mrcs", 32, 16, 4, 2, 32 * 16 * 4 * 4).toString());
		refused("truncated", mrc("short.mrcs", 32, 32, 4, 2, 32 * 32 * 4 * 4 - 1).toString());
		refused("unsupported MRC mode 3", mrc("complex.mrcs", 32, 32, 4, 3, 32 * 32 * 4 * 4)
			.toString());
		refused("invalid MRC dimensions", mrc("negative.mrcs", -32, 32, 4, 2, 32 * 32 * 4 * 4)
			.toString());
		refused("is too short", mrc("header.mrcs", 32, 32, 4, 2, -1000).toString());
	}

	@Test
	void hugeClaimedSizesAreRefusedBeforeAllocating() throws Exception {
		// 2^31 - 1 images of 16×16: refused from the header against the file length
		refused("truncated", mrc("huge.mrcs", 16, 16, Integer.MAX_VALUE, 2, 1024).toString());
		// 2^31 images (written as an unsigned count, read as negative)
		refused("invalid MRC dimensions", mrc("huge2.mrcs", 16, 16, Integer.MIN_VALUE, 2, 1024)
			.toString());
		// 2^31 - 1 square images of 2^16 pixels per side in a (sparse) file of the right
		// length would be absurd; a plausible but too large stack is refused by the memory
		// estimate from its header, before its images are read
		final Path big = mrc("big.mrcs", 64, 64, 20000, 0, 64L * 64 * 20000);
		System.setProperty(MemoryEstimate.HEAP_LIMIT_PROPERTY, Long.toString(64L << 20));
		try {
			refused("-Xmx", big.toString(), "--classes", "5");
		}
		finally {
			System.clearProperty(MemoryEstimate.HEAP_LIMIT_PROPERTY);
		}
	}

	@Test
	void badParameters() throws Exception {
		final Path in = stack("ok.mrcs", 6, -1, 0);
		refused("classes must be at least 1", in.toString(), "--classes", "0");
		refused("cannot exceed the number of images (6)", in.toString(), "--classes", "7");
		final String[] full = { "classify", in.toString(), "--classes", "2", "--rotations", "0",
			"--output", out().toString() };
		final String err = CliTest.run(2, full)[1];
		assertTrue(err.contains("rotations must be at least 1"), err);
		assertFalse(Files.exists(out()));
	}

	@Test
	void nonFiniteAndConstantPixels() throws Exception {
		refused("Image 3 contains NaN", stack("nan.mrcs", 6, 2, Float.NaN).toString(), "--classes",
			"2");
		refused("Image 5 contains NaN or infinite", stack("inf.mrcs", 6, 4, Float.NEGATIVE_INFINITY)
			.toString(), "--classes", "2");
		final Path blank = tmp.resolve("blank.mrcs");
		Mrc.writeStack(blank, new ParticleStack(32, new float[4][32 * 32]), 1);
		refused("All 4 images are constant", blank.toString(), "--classes", "2");
		// some constant images: a warning, and the run goes on
		final Random random = new Random(1);
		final float[][] images = new float[5][32 * 32];
		for (int i = 1; i < 5; i++)
			for (int p = 0; p < images[i].length; p++)
				images[i][p] = (float) random.nextGaussian();
		final Path some = tmp.resolve("some.mrcs");
		Mrc.writeStack(some, new ParticleStack(32, images), 1);
		final String[] o = CliTest.run(0, "classify", some.toString(), "--classes", "2",
			"--rotations", "8", "--max-iterations", "2", "-q", "--output", out().toString());
		assertTrue(o[1].contains("warning: 1 image is constant (every pixel equal; first: image 1)"),
			o[1]);
	}

	@Test
	void unreadableInputAndUnwritableOutput() throws Exception {
		refused("no such file", tmp.resolve("missing.mrcs").toString());
		Files.createDirectories(tmp.resolve("dir.mrcs"));
		refused("is a directory", tmp.resolve("dir.mrcs").toString());
		refused("unsupported file type", Files.write(tmp.resolve("x.png"), new byte[10]).toString());
		final Path in = stack("ok.mrcs", 6, -1, 0);
		// output below a regular file: cannot be created (a permission test is
		// meaningless when the tests run as root)
		final String err = CliTest.run(2, "classify", in.toString(), "--classes", "2", "--output", in
			.resolve("out").toString())[1];
		assertTrue(err.contains("Cannot create output directory") && err.contains("not a directory"),
			err);
	}

	@Test
	void imageReferencesOutOfRangeOrToMissingStacks() throws Exception {
		final Path in = stack("ok.mrcs", 3, -1, 0);
		for (final String[] args : new String[][] { { "distance", "4@" + in, "1@" + in }, {
			"distance", "0@" + in, "1@" + in }, { "distance", "1@" + tmp.resolve("missing.mrcs"), "1@" +
				in }, { "distance", "x@" + in, "1@" + in } })
		{
			final String err = CliTest.run(2, args)[1].trim();
			assertEquals(1, err.split("\n").length, err);
			assertTrue(err.startsWith("error: ") && !err.contains("Exception"), err);
		}
	}

	@Test
	void brokenStarFilesAreRefused() throws Exception {
		stack("a.mrcs", 3, -1, 0);
		final float[][] big = new float[2][40 * 40];
		Mrc.writeStack(tmp.resolve("b.mrcs"), new ParticleStack(40, big), 1);
		final String[][] cases = { //
			{ "no particle table", "data_\nloop_\n_rlnDefocusU\n1\n2\n" }, //
			{ "missing.mrcs not found", "data_\nloop_\n_rlnImageName\n1@a.mrcs\n1@missing.mrcs\n" },
			{ "out of range", "data_\nloop_\n_rlnImageName\n1@a.mrcs\n4@a.mrcs\n" }, //
			{ "b.mrcs", "data_\nloop_\n_rlnImageName\n1@a.mrcs\n2@a.mrcs\n1@b.mrcs\n" } };
		for (final String[] c : cases) {
			final Path star = tmp.resolve("bad.star");
			Files.write(star, c[1].getBytes(StandardCharsets.UTF_8));
			refused(c[0], star.toString(), "--classes", "2");
		}
	}

	@Test
	void existingResultsNeedOverwrite() throws Exception {
		final Path in = stack("ok.mrcs", 6, -1, 0);
		final String[] args = { "classify", in.toString(), "--classes", "2", "--rotations", "8",
			"--max-iterations", "2", "-q", "--output", out().toString() };
		// a directory with unrelated files is fine
		Files.createDirectories(out());
		Files.write(out().resolve("notes.txt"), new byte[] { 'x' });
		CliTest.run(0, args);
		final long before = Files.getLastModifiedTime(out().resolve(RunWriter.RUN)).toMillis();
		final String err = CliTest.run(2, args)[1].trim();
		assertEquals(1, err.split("\n").length, err);
		assertTrue(err.contains(out().toString()) && err.contains("--overwrite") && err.contains(
			"already holds results"), err);
		assertEquals(before, Files.getLastModifiedTime(out().resolve(RunWriter.RUN)).toMillis());
		final String[] again = Arrays.copyOf(args, args.length + 1);
		again[args.length] = "--overwrite";
		CliTest.run(0, again);
		assertTrue(Files.exists(out().resolve("notes.txt")), "unrelated files are kept");
		for (final String f : new String[] { RunWriter.CLASS_AVERAGES, RunWriter.PARTICLES,
			RunWriter.CLASSES, RunWriter.OCCUPANCY, RunWriter.RUN })
			assertTrue(Files.exists(out().resolve(f)), f);
	}
}
