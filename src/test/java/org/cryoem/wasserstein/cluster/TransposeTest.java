package org.cryoem.wasserstein.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/**
 * {@link Classifier#transposeStrips}, the fast searches' transpose, and
 * {@link Classifier#transposePanels}, the L2 search's with the Vector API
 * kernel: every element of the range lands in its place, and nothing else is
 * written (elements outside the range, and the padding beyond
 * {@code count}, keep what they held), for ranges that cut strips of 16 and
 * groups of four anywhere.
 */
class TransposeTest {

	@Test
	void copiesTheRangeAndNothingElse() {
		final SplittableRandom random = new SplittableRandom(24);
		final int[] counts = { 1, 2, 3, 4, 5, 7, 16, 17, 50, 200 };
		for (final int count : counts)
			for (int length = 1; length <= 70; length += 3)
				for (int trial = 0; trial < 4; trial++) {
					final int from = random.nextInt(length), to = from + random.nextInt(length - from + 1);
					final float[][] rows = new float[count][length];
					for (final float[] row : rows)
						for (int i = 0; i < length; i++)
							row[i] = (float) (random.nextDouble() * 2 - 1);
					final int width = count + 3; // padded, as the search's columns are
					final float[][] columns = new float[length][width];
					for (final float[] column : columns)
						Arrays.fill(column, Float.NaN);
					Classifier.transposeStrips(rows, count, columns, from, to);
					for (int i = 0; i < length; i++)
						for (int x = 0; x < width; x++) {
							final int e = i, r = x, n = length;
							final Supplier<String> where = () -> "count " + count + ", length " + n +
								", range [" + from + ", " + to + "), element " + e + ", row " + r;
							if (i >= from && i < to && x < count) assertEquals(rows[x][i], columns[i][x], where);
							else assertEquals(Float.NaN, columns[i][x], where);
						}
				}
	}

	@Test
	void panelsTakeTheRangeAndNothingElse() {
		final SplittableRandom random = new SplittableRandom(25);
		final int[] counts = { 1, 2, 3, 15, 16, 17, 31, 32, 33, 50, 64, 200 };
		for (final int w : new int[] { 8, 16, 32 })
			for (final int count : counts)
				for (int length = 1; length <= 70; length += 3)
					for (int trial = 0; trial < 3; trial++) {
						final int from = random.nextInt(length), to = from + random.nextInt(length - from + 1);
						final float[][] rows = new float[count][length];
						for (final float[] row : rows)
							for (int i = 0; i < length; i++)
								row[i] = (float) (random.nextDouble() * 2 - 1);
						final int panelCount = (count + 3 + w - 1) / w; // padded, as the search's are
						final float[][] panels = new float[panelCount][length * w];
						for (final float[] panel : panels)
							Arrays.fill(panel, Float.NaN);
						Classifier.transposePanels(rows, count, panels, w, from, to);
						for (int i = 0; i < length; i++)
							for (int x = 0; x < panelCount * w; x++) {
								final int e = i, r = x, n = length;
								final Supplier<String> where = () -> "panels of " + w + ", count " + count +
									", length " + n + ", range [" + from + ", " + to + "), element " + e + ", row " + r;
								final float actual = panels[x / w][i * w + x % w];
								if (i >= from && i < to && x < count) assertEquals(rows[x][i], actual, where);
								else assertEquals(Float.NaN, actual, where);
							}
					}
	}
}
