package org.cryoem.wasserstein.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A miniature of the paper's experiment through {@code reproduce}. */
class ReproduceCommandTest {

	@Test
	void writesTheReportWithFiguresAndTables(@TempDir final Path tmp) throws Exception {
		final Path map = tmp.resolve("phantom.mrc");
		assertEquals(0, Main.run("phantom", "--size", "32", "--output", map.toString()));
		final Path out = tmp.resolve("repro");
		assertEquals(0, Main.run("reproduce", "--map", map.toString(), "--output", out.toString(),
			"--count", "60", "--size", "32", "--classes", "4", "--rotations", "24", "--snr",
			"0.5,0.25", "-q"));
		final String md = new String(Files.readAllBytes(out.resolve("report.md")),
			StandardCharsets.UTF_8);
		for (final String s : new String[] { "## Table 1", "| 1/2 | W1 |", "| 1/4 | L2 |",
			"Figure 2", "Figure 3", "Figure 4", "Verdict", "all.jar reproduce --map" })
			assertTrue(md.contains(s), s);
		for (final String png : new String[] { "figure2_snr2.png", "figure2_snr4.png",
			"figure3_w1.png", "figure3_l2.png", "figure4_snr4_l2.png" })
			assertTrue(Files.size(out.resolve(png)) > 1000, png);
		for (final String f : new String[] { "snr-4/particles.mrcs", "snr-4/truth.star",
			"snr-4/w1/particles.star", "snr-4/l2/evaluation/summary.json" })
			assertTrue(Files.isRegularFile(out.resolve(f)), f);
	}

	/** An earlier reproduction is kept unless --overwrite says otherwise. */
	@Test
	void refusesToOverwriteAnEarlierReproduction(@TempDir final Path tmp) throws Exception {
		final Path map = tmp.resolve("phantom.mrc");
		assertEquals(0, Main.run("phantom", "--size", "32", "--output", map.toString()));
		final Path out = tmp.resolve("repro");
		final String[] args = { "reproduce", "--map", map.toString(), "--output", out.toString(),
			"--count", "30", "--size", "32", "--classes", "3", "--rotations", "12", "--snr", "0.5",
			"--max-iterations", "2", "-q" };
		assertEquals(0, Main.run(args));
		final byte[] report = Files.readAllBytes(out.resolve("report.md"));
		final String[] refused = CliTest.run(2, args);
		assertTrue(refused[1].trim().matches(".*already holds a reproduction \\(report\\.md\\); give "
			+ "--overwrite.*") && !refused[1].trim().contains("\n"), refused[1]);
		assertArrayEquals(report, Files.readAllBytes(out.resolve("report.md")));
		// a run that stopped before its report still counts
		Files.delete(out.resolve("report.md"));
		assertTrue(CliTest.run(2, args)[1].contains("(snr-2)"));
		final String[] again = Arrays.copyOf(args, args.length + 1);
		again[args.length] = "--overwrite";
		assertEquals(0, Main.run(again));
		assertTrue(Files.isRegularFile(out.resolve("report.md")));
	}

	@Test
	void snrTags() {
		assertEquals("8", ReproduceCommand.tag(0.125));
		assertEquals("12", ReproduceCommand.tag(1 / 12.0));
		assertEquals("2.5", ReproduceCommand.tag(0.4));
	}
}
