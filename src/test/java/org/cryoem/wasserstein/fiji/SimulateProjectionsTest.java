package org.cryoem.wasserstein.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cryoem.wasserstein.io.AnglesStar;
import org.cryoem.wasserstein.io.Mrc;
import org.cryoem.wasserstein.simulate.Phantom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import ij.ImagePlus;

class SimulateProjectionsTest {

	@Test
	void simulatesHeadlesslyAndWritesTheFiles(@TempDir final Path tmp) throws Exception {
		final Path map = tmp.resolve("phantom.mrc");
		Mrc.writeVolume(map, 24, 24, 24, Phantom.create(24, 3), 5);
		final File out = tmp.resolve("sim").toFile();
		try (Context context = new Context()) {
			final CommandModule m = context.service(CommandService.class).run(
				SimulateProjections.class, true, "map", map.toFile(), "count", 12, "size", 24, "snr", 1.0,
				"seed", 2, "output_dir", out).get();
			final ImagePlus imp = (ImagePlus) m.getOutput("particles");
			assertNotNull(imp);
			assertEquals(12, imp.getStackSize());
			assertEquals(24, imp.getWidth());
			// A bad map path is reported, not thrown.
			final CommandModule bad = context.service(CommandService.class).run(
				SimulateProjections.class, true, "map", tmp.resolve("missing.mrc").toFile()).get();
			assertNull(bad.getOutput("particles"));
		}
		assertEquals(12, AnglesStar.read(out.toPath().resolve("truth.star")).length);
		assertTrue(Files.isRegularFile(out.toPath().resolve("clean.mrcs")));
		assertEquals(12, Mrc.readStack(out.toPath().resolve("particles.mrcs")).count());
	}
}
