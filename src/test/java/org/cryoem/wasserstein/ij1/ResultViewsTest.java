package org.cryoem.wasserstein.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cryoem.wasserstein.cluster.ClassificationResult;
import org.junit.jupiter.api.Test;

class ResultViewsTest {

	@Test
	void buildsStackPlotAndTables() {
		final int n = 16;
		final float[][] averages = { new float[n * n], new float[n * n] };
		averages[1][5] = 3;
		final ClassificationResult r = new ClassificationResult(n, new int[] { 0, 1, 0 }, new int[] {
			0, 3, 1 }, new double[] { 0, 270, 90 }, new double[] { 1, 2, 3 }, averages, new int[] { 2,
				1 }, new double[] { 10 }, new double[] { 0.1 }, 0.01, 4);
		final ResultViews v = ResultViews.of(r, "particles.tif", "L2");

		assertEquals(2, v.classAverages.getStackSize());
		assertEquals("class 1 (n=2)", v.classAverages.getStack().getSliceLabel(1));
		assertEquals("class 2 (n=1)", v.classAverages.getStack().getSliceLabel(2));
		assertEquals(3, v.classAverages.getStack().getProcessor(2).getf(5), 0);
		assertTrue(v.classAverages.getTitle().contains("particles.tif"));

		assertEquals(2, v.classTable.size());
		assertEquals(2, v.classTable.getValue("occupancy", 0), 0);
		assertEquals(2, v.classTable.getValue("mean distance", 0), 0);
		assertEquals(2, v.classTable.getValue("mean distance", 1), 0);

		assertEquals(3, v.particleTable.size());
		assertEquals(2, v.particleTable.getValue("class", 1), 0);
		assertEquals(270, v.particleTable.getValue("angle", 1), 0);
		assertEquals(3, v.particleTable.getValue("distance", 2), 0);

		assertTrue(v.occupancyPlot.getImagePlus().getTitle().startsWith("Class occupancy"));
	}
}
