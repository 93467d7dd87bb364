package org.cryoem.wasserstein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.io.Mrc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class BenchmarkCommandTest {

	@TempDir
	Path dir;

	/** A small synthetic map (the shared one is used when present). */
	private Path map() throws Exception {
		final Path shared = Paths.get("../shared/data/maps/4v7r.mrc");
		if (Files.isRegularFile(shared)) return shared;
		final int n = 24;
		final float[] v = new float[n * n * n];
		for (int z = 0; z < n; z++)
			for (int y = 0; y < n; y++)
				for (int x = 0; x < n; x++)
					v[(z * n + y) * n + x] = (x - 8) * (x - 8) + (y - 12) * (y - 12) + (z - 14) * (z - 14) < 20 ||
						(x - 15) * (x - 15) + (y - 10) * (y - 10) < 9 ? 1f : 0f;
		final Path file = dir.resolve("map.mrc");
		Mrc.writeVolume(file, n, n, n, v, 1.0);
		return file;
	}

	private String run(final String... args) {
		final StringWriter out = new StringWriter();
		final CommandLine cl = new CommandLine(new BenchmarkCommand());
		cl.setOut(new PrintWriter(out));
		assertEquals(0, cl.execute(args));
		return out.toString().trim();
	}

	@Test
	void simulatedRunPrintsOneJsonObjectWithZeroMismatches() throws Exception {
		for (final String metric : new String[] { "w1", "l2" }) {
			final String json = run("--count", "60", "--size", "32", "--classes", "5", "--rotations",
				"24", "--iterations", "2", "--metric", metric, "--threads", "2", "--seed", "3",
				"--verify", "40", "--map", map().toString(), "--save-input", dir.resolve(metric)
					.toString());
			assertTrue(json.startsWith("{") && json.endsWith("}") && !json.contains("\n"), json);
			for (final String key : new String[] { "init_seconds", "seconds_per_iteration",
				"pruned_percent", "sparse_percent", "peak_heap_mb", "kernel" })
				assertTrue(json.contains("\"" + key + "\": "), key + " in " + json);
			assertTrue(json.contains("\"mismatches\": 0"), json);
			// the saved stack gives the same run again
			final String again = run("--input", dir.resolve(metric).resolve("particles.mrcs")
				.toString(), "--count", "60", "--classes", "5", "--rotations", "24", "--iterations",
				"2", "--metric", metric, "--threads", "1", "--seed", "3");
			assertTrue(again.contains("\"count\": 60") && again.contains("\"size\": 32"), again);
			assertEquals(field(json, "pruned_percent"), field(again, "pruned_percent"), again);
		}
	}

	/** Short parameter labels as in classify's help, no picocli {@code <field>} names. */
	@Test
	void helpUsesShortLabels() {
		final String help = run("--help");
		for (final String label : new String[] { "--classes=K", "--rotations=M", "--metric=w1|l2",
			"--search=fast|exhaustive", "--input=STACK", "--verify=N", "default 1/12" })
			assertTrue(help.contains(label), label + " in\n" + help);
		assertFalse(help.contains("=<"), help);
	}

	private static String field(final String json, final String key) {
		final int at = json.indexOf("\"" + key + "\": ") + key.length() + 4;
		return json.substring(at, json.indexOf(',', at));
	}

	@Test
	void inputStackIsUsed() throws Exception {
		final float[][] imgs = new float[12][24 * 24];
		for (int i = 0; i < imgs.length; i++)
			for (int p = 0; p < imgs[i].length; p++)
				imgs[i][p] = (float) Math.sin(p * 0.37 + i);
		final Path file = dir.resolve("stack.mrcs");
		Mrc.writeStack(file, new ParticleStack(24, imgs), 1.0);
		final String json = run("--input", file.toString(), "--count", "10", "--classes", "3",
			"--rotations", "8", "--search", "exhaustive", "--threads", "1");
		assertTrue(json.contains("\"count\": 10"), json);
		assertTrue(json.contains("\"search\": \"exhaustive\""), json);
	}
}
