package org.cryoem.wasserstein.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import java.nio.file.Files;
import java.nio.file.Path;

import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.io.Mrc;
import org.cryoem.wasserstein.io.RunWriter;
import org.cryoem.wasserstein.io.StarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class averages shown for picking classes in Select 2D Classes. */
class ClassAveragesViewTest {

	@Test
	void labelledStackAndMontage(@TempDir final Path dir) throws Exception {
		final int k = 5, n = 20;
		final float[][] im = new float[k][n * n];
		for (int c = 0; c < k; c++)
			java.util.Arrays.fill(im[c], c);
		Mrc.writeStack(dir.resolve(RunWriter.CLASS_AVERAGES), new ParticleStack(n, im), 1);
		final StarFile s = new StarFile();
		final StarFile.Block b = s.addBlock("particles").addColumns("_rlnImageName",
			"_rlnClassNumber");
		final int[] cls = { 1, 1, 1, 2, 2, 3, 4, 5, 1 };
		for (int i = 0; i < cls.length; i++)
			b.addRow((i + 1) + "@x.mrcs", Integer.toString(cls[i]));
		s.write(dir.resolve(RunWriter.PARTICLES));
		Files.write(dir.resolve(RunWriter.RUN), "{}".getBytes());

		final ImagePlus stack = ClassAveragesView.stack(dir);
		assertEquals(k, stack.getStackSize());
		assertEquals(n, stack.getWidth());
		assertEquals("class 1 (n=4)", stack.getStack().getSliceLabel(1));
		assertEquals("class 5 (n=1)", stack.getStack().getSliceLabel(5));
		assertEquals(3f, stack.getStack().getProcessor(4).getf(0), 0);

		final ImagePlus montage = ClassAveragesView.montage(stack);
		assertEquals(1, montage.getStackSize());
		// 5 classes: 3 columns, 2 rows of 20-pixel averages shown as 96-pixel tiles
		assertTrue(montage.getWidth() >= 3 * 96 && montage.getWidth() < 3 * 96 + 5, "" + montage
			.getWidth());
		assertTrue(montage.getHeight() >= 2 * 96 && montage.getHeight() < 2 * 96 + 5, "" + montage
			.getHeight());
		assertTrue(montage.getTitle().contains(stack.getTitle()));
	}
}
