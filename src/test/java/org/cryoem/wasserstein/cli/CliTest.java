package org.cryoem.wasserstein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.cryoem.wasserstein.TestImages;
import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.image.Rotation;
import org.cryoem.wasserstein.io.Mrc;
import org.cryoem.wasserstein.io.PythonMrcfile;
import org.cryoem.wasserstein.io.RunWriter;
import org.cryoem.wasserstein.io.StarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the command line in-process, as a user would from a shell. */
class CliTest {

	@TempDir
	Path tmp;

	/** Runs the CLI and captures stdout and stderr. */
	static String[] run(final int expectedExit, final String... args) {
		final PrintStream out = System.out, err = System.err;
		final ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
		final int exit;
		try {
			System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
			System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
			final picocli.CommandLine cl = Main.commandLine();
			cl.setOut(new java.io.PrintWriter(System.out, true));
			cl.setErr(new java.io.PrintWriter(System.err, true));
			exit = cl.execute(args);
		}
		finally {
			System.setOut(out);
			System.setErr(err);
		}
		final String[] result = { o.toString(StandardCharsets.UTF_8), e.toString(
			StandardCharsets.UTF_8) };
		assertEquals(expectedExit, exit, Arrays.toString(args) + "\nstdout: " + result[0] +
			"\nstderr: " + result[1]);
		return result;
	}

	private Path stack(final int shapes, final int perShape, final int[] truth) throws Exception {
		final ParticleStack s = TestImages.rotatedShapes(shapes, perShape, 32, 0.05, 11, truth);
		final Path file = tmp.resolve("shapes.mrcs");
		Mrc.writeStack(file, s, 2.5);
		return file;
	}

	@Test
	void classifyWritesAllFiveFiles() throws Exception {
		final int[] truth = new int[24];
		final Path in = stack(3, 8, truth);
		final Path out = tmp.resolve("out");
		final String[] o = run(0, "classify", in.toString(), "--classes", "3", "--metric", "l2",
			"--rotations", "24", "--max-iterations", "10", "--seed", "3", "--threads", "2",
			"--output", out.toString());
		assertTrue(o[0].contains("24 images -> 3 classes"), o[0]);
		for (final String f : new String[] { RunWriter.CLASS_AVERAGES, RunWriter.PARTICLES,
			RunWriter.CLASSES, RunWriter.OCCUPANCY, RunWriter.RUN })
			assertTrue(Files.size(out.resolve(f)) > 0, f);
		final StarFile star = StarFile.read(out.resolve(RunWriter.PARTICLES));
		final StarFile.Block particles = star.block("particles");
		assertEquals(24, particles.rows().size());
		final String name = "_rlnImageName", cls = "_rlnClassNumber";
		assertEquals("000001@shapes.mrcs", particles.value(0, name));
		final int[] found = new int[24];
		for (int i = 0; i < 24; i++)
			found[i] = Integer.parseInt(particles.value(i, cls)) - 1;
		assertEquals(1.0, TestImages.adjustedRandIndex(truth, found), 1e-12);
		final String json = new String(Files.readAllBytes(out.resolve(RunWriter.RUN)),
			StandardCharsets.UTF_8);
		for (final String key : new String[] { "\"classes\": 3", "\"metric\": \"l2\"",
			"\"rotations\": 24", "\"seed\": 3", "\"iterations\"", "\"loss\"",
			"\"seconds_per_iteration\"", "\"version\"" })
			assertTrue(json.contains(key), key);
		// mrcfile reads our class averages as 3 images of 32x32 with a valid header.
		final PythonMrcfile.Result r = PythonMrcfile.run(
			"import sys, mrcfile\n" + "with mrcfile.open(sys.argv[1], permissive=False) as m:\n" +
				"    print(m.data.shape, mrcfile.validate(sys.argv[1]))", out.resolve(
					RunWriter.CLASS_AVERAGES).toString());
		assertEquals(0, r.exit, r.out);
		assertTrue(r.out.trim().endsWith("(3, 32, 32) True"), r.out);
	}

	@Test
	void distanceOfARotatedCopyFindsTheAngle() throws Exception {
		final int size = 32, m = 40, r = 7;
		final float[] a = TestImages.shape(0, size), b = new float[a.length];
		// B = A rotated by -r steps, so rotating B by +r steps recovers A.
		Rotation.rotate(a, size, -Rotation.angle(r, m), b);
		final Path file = tmp.resolve("pair.mrcs");
		Mrc.writeStack(file, new ParticleStack(size, new float[][] { a, b }), 1);
		for (final String metric : new String[] { "w1", "l2" }) {
			final String plain = run(0, "distance", "1@" + file, "2@" + file, "--metric", metric)[0]
				.trim();
			assertTrue(Double.parseDouble(plain) > 0, plain);
			assertEquals(0, Double.parseDouble(run(0, "distance", "1@" + file, "1@" + file,
				"--metric", metric)[0].trim()), 0);
			final String[] best = run(0, "distance", "1@" + file, "2@" + file, "--metric", metric,
				"--rotations", "" + m, "--mask-radius", "15.5")[0].trim().split("\\s+");
			assertEquals(2, best.length);
			assertEquals(360.0 * r / m, Double.parseDouble(best[1]), 1e-6);
			assertTrue(Double.parseDouble(best[0]) < 0.2 * Double.parseDouble(plain), metric);
		}
	}

	@Test
	void badArgumentsGiveOneLineAndNonZeroExit() throws Exception {
		final int[] truth = new int[6];
		final Path in = stack(2, 3, truth);
		final String[][] cases = { { "classify", tmp.resolve("missing.mrcs").toString(), "--output",
			tmp.resolve("o").toString() }, { "classify", in.toString(), "--classes", "7", "--output",
				tmp.resolve("o").toString() }, { "classify", in.toString(), "--classes", "x",
					"--output", tmp.resolve("o").toString() }, { "classify", in.toString(), "--metric",
						"emd", "--output", tmp.resolve("o").toString() }, { "classify", in.toString() },
			{ "distance", "9@" + in, "1@" + in }, { "distance", in.toString(), "1@" + in },
			{ "classify", in.toString(), "--wavelet", "nope", "--output", tmp.resolve("o")
				.toString() }, { "frobnicate" } };
		for (final String[] args : cases) {
			final String[] o = run(2, args);
			final String err = o[1].trim();
			assertFalse(err.isEmpty(), Arrays.toString(args));
			assertEquals(1, err.split("\n").length, err);
			assertTrue(err.startsWith("error: "), err);
			assertFalse(err.contains("Exception"), err);
		}
		assertFalse(Files.exists(tmp.resolve("o")), "no output for failed runs");
	}

	@Test
	void helpReadsWell() {
		final String help = run(0, "classify", "--help")[0];
		for (final String option : new String[] { "--classes", "--metric", "--rotations",
			"--max-iterations", "--seed", "--threads", "--output", "--mask-radius" })
			assertTrue(help.contains(option), option);
		assertTrue(run(0, "--version")[0].toLowerCase(Locale.ROOT).contains("wasserstein"));
	}
}
