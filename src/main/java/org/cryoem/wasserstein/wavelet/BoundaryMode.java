package org.cryoem.wasserstein.wavelet;

import java.util.Locale;

/**
 * Signal extension at the boundaries for the discrete wavelet transform,
 * with PyWavelets' names and semantics (for a signal x of length n):
 * <ul>
 * <li>{@code zero}: x is extended by zeros (the setting of Rao, Moscovich and
 * Singer 2020 and {@link org.cryoem.wasserstein.wavelet.Dwt2D}'s default);</li>
 * <li>{@code constant}: the edge values are repeated;</li>
 * <li>{@code symmetric}: half-sample symmetric, ... x1 x0 | x0 x1 ... x(n-1) |
 * x(n-1) x(n-2) ..., repeated with period 2n;</li>
 * <li>{@code periodic}: x is repeated with period n;</li>
 * <li>{@code periodization}: x (with its last sample repeated once if n is odd)
 * is treated as periodic and the output has only ceil(n/2) coefficients.</li>
 * </ul>
 * For all but {@code periodization} the output length of one decomposition
 * step is floor((n + F − 1) / 2) for a filter of length F.
 */
public enum BoundaryMode {
	ZERO("zero"), CONSTANT("constant"), SYMMETRIC("symmetric"),
	PERIODIC("periodic"), PERIODIZATION("periodization");

	private final String pywtName;

	BoundaryMode(final String pywtName) {
		this.pywtName = pywtName;
	}

	/** @return the PyWavelets name, e.g. "zero" */
	public String pywtName() {
		return pywtName;
	}

	/**
	 * @param name PyWavelets mode name (case-insensitive)
	 * @throws IllegalArgumentException for an unsupported name
	 */
	public static BoundaryMode of(final String name) {
		if (name != null) {
			final String key = name.trim().toLowerCase(Locale.ROOT);
			for (final BoundaryMode m : values()) {
				if (m.pywtName.equals(key)) return m;
			}
		}
		final StringBuilder sb = new StringBuilder();
		for (final BoundaryMode m : values()) {
			if (sb.length() > 0) sb.append(", ");
			sb.append(m.pywtName);
		}
		throw new IllegalArgumentException("Unknown boundary mode '" + name +
			"'; supported: " + sb);
	}

	/**
	 * @return the number of coefficients per band after one decomposition step
	 *         of a length-n signal with a length-f filter (pywt
	 *         {@code dwt_coeff_len})
	 */
	public int outputLength(final int n, final int f) {
		if (n < 1) throw new IllegalArgumentException("length must be >= 1: " + n);
		if (this == PERIODIZATION) return (n + 1) / 2;
		return (n + f - 1) / 2;
	}

	/**
	 * Index of the sample of x (length n) at position p of the extended
	 * signal, or −1 where the extension is zero. Not for periodization.
	 */
	int extend(final int p, final int n) {
		if (p >= 0 && p < n) return p;
		switch (this) {
			case ZERO:
				return -1;
			case CONSTANT:
				return p < 0 ? 0 : n - 1;
			case PERIODIC:
				return Math.floorMod(p, n);
			case SYMMETRIC: {
				final int m = Math.floorMod(p, 2 * n);
				return m < n ? m : 2 * n - 1 - m;
			}
			default:
				throw new IllegalStateException(name());
		}
	}

	@Override
	public String toString() {
		return pywtName;
	}
}
