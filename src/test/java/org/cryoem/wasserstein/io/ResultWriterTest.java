package org.cryoem.wasserstein.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.cryoem.wasserstein.Version;
import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.cluster.ClassificationResult;
import org.cryoem.wasserstein.image.ParticleStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests {@link RunWriter} (the run output files). */
class ResultWriterTest {

	@TempDir
	Path tmp;

	static final int N = 16;

	/** 10 particles in 4 classes (occupancy 5, 3, 2, 0). */
	static ClassificationResult fakeResult() {
		final int[] classOf = { 0, 1, 0, 2, 0, 1, 0, 2, 1, 0 };
		final int[] rotationOf = { 0, 5, 10, 15, 20, 25, 30, 35, 40, 45 };
		final double[] angleOf = new double[10];
		final double[] distanceOf = new double[10];
		for (int i = 0; i < 10; i++) {
			angleOf[i] = 360.0 * rotationOf[i] / 200;
			distanceOf[i] = 0.5 + i * 0.25;
		}
		final float[][] averages = new float[4][N * N];
		for (int c = 0; c < 4; c++)
			for (int p = 0; p < N * N; p++)
				averages[c][p] = c * 1000 + p;
		return new ClassificationResult(N, classOf, rotationOf, angleOf, distanceOf, averages,
			new int[] { 5, 3, 2, 0 }, new double[] { 10.5, 8.25, Double.NaN }, new double[] { 0.5, 0.25,
				0.125 }, 1.5, 200);
	}

	static ClassificationParameters params() {
		final ClassificationParameters p = new ClassificationParameters();
		p.classes = 4;
		p.rotations = 200;
		p.seed = 42;
		p.threads = 3;
		p.metric = "w1";
		return p;
	}

	@Test
	void writesAllFiles() throws IOException {
		final ClassificationResult r = fakeResult();
		final Path out = tmp.resolve("run1");
		final List<Path> files = RunWriter.write(out, "my \"stack\".mrcs", 10, N, 1.34, params(), r);
		assertEquals(5, files.size());
		for (final Path f : files)
			assertTrue(Files.isRegularFile(f), f.toString());
		try (Stream<Path> s = Files.list(out)) {
			assertEquals(Arrays.asList("class_averages.mrcs", "classes.csv", "occupancy.png",
				"particles.star", "run.json"), s.map(p -> p.getFileName().toString()).sorted().collect(
					Collectors.toList()), "no temporary files may remain");
		}

		// class averages
		final ParticleStack avg = Mrc.readStack(out.resolve(RunWriter.CLASS_AVERAGES));
		assertEquals(4, avg.count());
		assertEquals(N, avg.size());
		for (int c = 0; c < 4; c++)
			assertArrayEquals(r.classAverages[c], avg.image(c));
		assertEquals(1.34, Mrc.readHeader(out.resolve(RunWriter.CLASS_AVERAGES)).voxelSizeX(), 1e-5);

		// particles.star
		final StarFile star = StarFile.read(out.resolve(RunWriter.PARTICLES));
		assertEquals(Arrays.asList("optics", "particles"), star.blocks().stream().map(
			StarFile.Block::name).collect(Collectors.toList()));
		final StarFile.Block optics = star.block("optics");
		assertEquals(1, optics.rows().size());
		assertEquals("1", optics.value(0, "_rlnOpticsGroup"));
		assertEquals("opticsGroup1", optics.value(0, "_rlnOpticsGroupName"));
		assertEquals("16", optics.value(0, "_rlnImageSize"));
		assertEquals("2", optics.value(0, "_rlnImageDimensionality"));
		assertEquals(1.34, Double.parseDouble(optics.value(0, "_rlnImagePixelSize")), 1e-9);
		final StarFile.Block parts = star.block("particles");
		assertEquals(Arrays.asList("_rlnImageName", "_rlnOpticsGroup", "_rlnClassNumber",
			"_rlnAnglePsi", "_rlnW2dDistance"), parts.columns());
		assertEquals(10, parts.rows().size());
		for (int i = 0; i < 10; i++) {
			assertEquals(String.format("%06d@my \"stack\".mrcs", i + 1), parts.value(i,
				"_rlnImageName"));
			assertEquals("1", parts.value(i, "_rlnOpticsGroup"));
			assertEquals(r.classOf[i] + 1, Integer.parseInt(parts.value(i, "_rlnClassNumber")));
			assertEquals((360 - r.angleOf[i]) % 360, Double.parseDouble(parts.value(i,
				"_rlnAnglePsi")), 1e-6);
			assertEquals(r.distanceOf[i], Double.parseDouble(parts.value(i, "_rlnW2dDistance")), 0);
		}
		final String starText = new String(Files.readAllBytes(out.resolve(RunWriter.PARTICLES)),
			StandardCharsets.UTF_8);
		assertTrue(starText.contains("# version 30001"), starText);

		// classes.csv
		final List<String> csv = Files.readAllLines(out.resolve(RunWriter.CLASSES));
		assertEquals("class,occupancy,mean_distance", csv.get(0));
		assertEquals(5, csv.size());
		// class 1: particles 0,2,4,6,9 → distances 0.5,1.0,1.5,2.0,2.75
		assertCsvRow(csv.get(1), 1, 5, (0.5 + 1.0 + 1.5 + 2.0 + 2.75) / 5);
		assertCsvRow(csv.get(2), 2, 3, (0.75 + 1.75 + 2.5) / 3);
		assertCsvRow(csv.get(3), 3, 2, (1.25 + 2.25) / 2);
		assertEquals("4,0,", csv.get(4));
		for (int c = 0; c < 3; c++) {
			final double mean = Double.parseDouble(csv.get(c + 1).split(",")[2]);
			assertEquals(r.meanDistance(c), mean, 1e-12);
		}

		// occupancy.png
		final BufferedImage png = ImageIO.read(out.resolve(RunWriter.OCCUPANCY).toFile());
		assertTrue(png.getWidth() >= 600 && png.getHeight() >= 400);

		// run.json
		final String json = new String(Files.readAllBytes(out.resolve(RunWriter.RUN)),
			StandardCharsets.UTF_8);
		final Map<String, String> j = flatJson(json);
		assertEquals("\"Wasserstein 2D Classes\"", j.get("software"));
		assertEquals("\"" + Version.get() + "\"", j.get("version"));
		assertEquals("\"my \\\"stack\\\".mrcs\"", j.get("input"));
		assertEquals("10", j.get("image_count"));
		assertEquals("16", j.get("image_size"));
		assertEquals("1.34", j.get("pixel_size"));
		assertEquals("4", j.get("classes"));
		assertEquals("\"w1\"", j.get("metric"));
		assertEquals("200", j.get("rotations"));
		assertEquals("30", j.get("max_iterations"));
		assertEquals("42", j.get("seed"));
		assertEquals("3", j.get("threads"));
		assertEquals("3", j.get("threads_requested"));
		assertEquals("7.5", j.get("mask_radius"));
		assertEquals("\"sym5\"", j.get("wavelet"));
		assertEquals("6", j.get("levels"));
		assertEquals("\"zero\"", j.get("mode"));
		assertEquals("3", j.get("iterations"));
		assertEquals("[10.5, 8.25, null]", j.get("loss"));
		assertEquals("[0.5, 0.25, 0.125]", j.get("seconds_per_iteration"));
		assertEquals("1.5", j.get("init_seconds"));
		assertEquals("[5, 3, 2, 0]", j.get("occupancy"));
		assertTrue(j.containsKey("created"));
		assertFalse(json.contains("NaN") || json.contains("Infinity"), json);
	}

	private static void assertCsvRow(final String row, final int c, final int occ,
		final double mean)
	{
		final String[] t = row.split(",");
		assertEquals(3, t.length, row);
		assertEquals(c, Integer.parseInt(t[0]));
		assertEquals(occ, Integer.parseInt(t[1]));
		assertEquals(mean, Double.parseDouble(t[2]), 1e-12);
	}

	/** Parses the flat one-level JSON object that RunWriter writes: key → raw value text. */
	private static Map<String, String> flatJson(final String json) {
		final String body = json.trim();
		assertTrue(body.startsWith("{") && body.endsWith("}"), json);
		final Map<String, String> m = new java.util.LinkedHashMap<>();
		for (final String line : body.substring(1, body.length() - 1).split("\n")) {
			final String l = line.trim();
			if (l.isEmpty()) continue;
			final int colon = l.indexOf("\": ");
			final String key = l.substring(1, colon);
			String value = l.substring(colon + 3);
			if (value.endsWith(",")) value = value.substring(0, value.length() - 1);
			m.put(key, value);
		}
		return m;
	}

	@Test
	void runJsonIsValidJsonForPython() throws IOException {
		PythonMrcfile.assumeAvailable();
		final Path out = tmp.resolve("run2");
		RunWriter.write(out, "we\\ird\tname\u00e9.mrcs", 10, N, params(), fakeResult());
		final PythonMrcfile.Result r = PythonMrcfile.run("import json, sys\n" +
			"d = json.load(open(sys.argv[1], encoding='utf-8'))\n" +
			"print(repr(d['input']), d['pixel_size'], d['loss'], d['mask_radius'])\n", out.resolve(
				RunWriter.RUN).toString());
		assertEquals(0, r.exit, r.out);
		assertEquals("'we\\\\ird\\tname\u00e9.mrcs' None [10.5, 8.25, None] 7.5", r.out.trim());
		final PythonMrcfile.Result v = PythonMrcfile.run("import sys, mrcfile\n" +
			"print(mrcfile.validate(sys.argv[1]))\n", out.resolve(RunWriter.CLASS_AVERAGES).toString());
		assertEquals(0, v.exit, v.out);
		assertTrue(v.out.trim().endsWith("True"), v.out);
		// unknown pixel size → 1.0 in the STAR file, cell 0 in the MRC header
		final StarFile star = StarFile.read(out.resolve(RunWriter.PARTICLES));
		assertEquals("1.000000", star.block("optics").value(0, "_rlnImagePixelSize"));
		assertEquals(0, Mrc.readHeader(out.resolve(RunWriter.CLASS_AVERAGES)).voxelSizeX());
		assertEquals("000001@we\\ird\tname\u00e9.mrcs", star.block("particles").value(0,
			"_rlnImageName"));
	}

	@Test
	void replacesExistingFiles() throws IOException {
		final Path out = tmp.resolve("run3");
		Files.createDirectories(out);
		Files.write(out.resolve(RunWriter.CLASSES), "old".getBytes(StandardCharsets.UTF_8));
		RunWriter.write(out, "x.mrcs", 10, N, params(), fakeResult());
		assertEquals("class,occupancy,mean_distance", Files.readAllLines(out.resolve(
			RunWriter.CLASSES)).get(0));
	}

	@Test
	void refusesMismatchedInput() {
		assertThrows(IllegalArgumentException.class, () -> RunWriter.write(tmp, "x.mrcs", 11, N,
			params(), fakeResult()));
		assertThrows(IllegalArgumentException.class, () -> RunWriter.write(tmp, "x.mrcs", 10, N + 1,
			params(), fakeResult()));
	}

	@Test
	void chartScalesWithClassCount() throws IOException {
		for (final int k : new int[] { 1, 7, 20, 100, 400 }) {
			final int[] occ = new int[k];
			for (int c = 0; c < k; c++)
				occ[c] = k == 7 ? 7 - c - (c == 6 ? 1 : 0) : (int) Math.round(5000 * Math.exp(-c / (k / 3.0 +
					1)));
			final BufferedImage img = RunWriter.occupancyChart(occ);
			assertTrue(img.getWidth() >= 600 && img.getWidth() <= 1700, "k=" + k);
			if (System.getenv("W2D_CHART_PREVIEW") != null) {
				ImageIO.write(img, "png", Path.of(System.getenv("W2D_CHART_PREVIEW"), "chart-" + k +
					".png").toFile());
			}
		}
	}

	@Test
	void versionIsNeverEmpty() {
		assertFalse(Version.get().trim().isEmpty());
	}

	@Test
	void jsonHelpers() {
		assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", Json.string("a\"b\\c\n\u0001"));
		assertEquals("null", Json.number(Double.NaN));
		assertEquals("null", Json.number(Double.NEGATIVE_INFINITY));
		assertEquals("1.0E-5", Json.number(1e-5));
		assertEquals("3.0", Json.number(3));
		assertEquals("[]", Json.array(new double[0]));
	}
}
