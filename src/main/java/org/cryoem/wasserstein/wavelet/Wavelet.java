package org.cryoem.wasserstein.wavelet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * An orthogonal wavelet filter bank, identified by its PyWavelets name.
 * <p>
 * Supported: {@code haar}, {@code db1}..{@code db20}, {@code sym2}..{@code sym20}
 * and {@code coif1}..{@code coif17}. The decomposition filters are the exact
 * PyWavelets constants ({@code pywt.Wavelet(name).dec_lo} and
 * {@code dec_hi}), copied into the generated class {@code WaveletFilters} by
 * {@code src/test/python/generate_wavelet_filters.py}; they are applied as in
 * PyWavelets (see {@link Dwt2D}).
 * </p>
 * <p>
 * Instances are immutable.
 * </p>
 */
public final class Wavelet {

	private final String name;
	private final double[] decLo;
	private final double[] decHi;

	private Wavelet(final String name, final double[] decLo, final double[] decHi) {
		this.name = name;
		this.decLo = decLo;
		this.decHi = decHi;
	}

	/**
	 * Looks up a wavelet by its PyWavelets name (case-insensitive).
	 *
	 * @throws IllegalArgumentException for an unknown name
	 */
	public static Wavelet of(final String name) {
		if (name == null) throw unknown(null);
		final String key = name.trim().toLowerCase(Locale.ROOT);
		final double[][] f = WaveletFilters.lookup(key);
		if (f == null) throw unknown(name);
		return new Wavelet(key, f[0], f[1]);
	}

	private static IllegalArgumentException unknown(final String name) {
		return new IllegalArgumentException("Unknown wavelet '" + name +
			"'; supported: " + supportedFamilies());
	}

	/** @return one-line description of the supported names, e.g. for messages */
	public static String supportedFamilies() {
		final StringBuilder sb = new StringBuilder("haar");
		for (final Object[] fam : WaveletFilters.FAMILIES) {
			sb.append(", ").append(fam[0]).append(fam[1]).append("..")
				.append(fam[0]).append(fam[2]);
		}
		return sb.toString();
	}

	/** @return all supported names, in family order */
	public static List<String> names() {
		final List<String> names = new ArrayList<>();
		names.add("haar");
		for (final Object[] fam : WaveletFilters.FAMILIES) {
			for (int i = (Integer) fam[1]; i <= (Integer) fam[2]; i++) {
				names.add(fam[0] + Integer.toString(i));
			}
		}
		return Collections.unmodifiableList(names);
	}

	/** @return lower-case PyWavelets name */
	public String name() {
		return name;
	}

	/** @return filter length (dec_len in PyWavelets) */
	public int length() {
		return decLo.length;
	}

	/** @return a copy of the low-pass decomposition filter (pywt dec_lo) */
	public double[] decLo() {
		return decLo.clone();
	}

	/** @return a copy of the high-pass decomposition filter (pywt dec_hi) */
	public double[] decHi() {
		return decHi.clone();
	}

	double[] lo() {
		return decLo;
	}

	double[] hi() {
		return decHi;
	}

	/**
	 * The level PyWavelets' {@code dwt_max_level(n, filterLength)} reports,
	 * beyond which the coarsest coefficients are dominated by the boundary.
	 * Deeper decompositions are still legal ({@link Dwt2D} accepts them, as
	 * PyWavelets does with a warning).
	 */
	public int maxLevel(final int n) {
		final int f = length();
		if (n < f - 1) return 0;
		int level = 0;
		// floor(log2(n / (f - 1))) computed exactly with integers
		long m = (long) n / (f - 1);
		while (m > 1) {
			m >>= 1;
			level++;
		}
		return level;
	}

	@Override
	public String toString() {
		return name;
	}
}
