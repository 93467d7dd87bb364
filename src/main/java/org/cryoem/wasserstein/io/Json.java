package org.cryoem.wasserstein.io;

/**
 * Minimal JSON value formatting for hand-written JSON: string escaping and
 * numbers, with non-finite numbers written as {@code null}.
 */
final class Json {

	private Json() {}

	/** @return the string as a JSON string literal, or {@code null} for null */
	static String string(final String s) {
		if (s == null) return "null";
		final StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
		for (int i = 0; i < s.length(); i++) {
			final char c = s.charAt(i);
			switch (c) {
				case '"':
					sb.append("\\\"");
					break;
				case '\\':
					sb.append("\\\\");
					break;
				case '\n':
					sb.append("\\n");
					break;
				case '\r':
					sb.append("\\r");
					break;
				case '\t':
					sb.append("\\t");
					break;
				case '\b':
					sb.append("\\b");
					break;
				case '\f':
					sb.append("\\f");
					break;
				default:
					if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c) && !validSurrogate(
						s, i))
					{
						sb.append(String.format("\\u%04x", (int) c));
					}
					else sb.append(c);
			}
		}
		return sb.append('"').toString();
	}

	private static boolean validSurrogate(final String s, final int i) {
		final char c = s.charAt(i);
		if (Character.isHighSurrogate(c)) return i + 1 < s.length() && Character.isLowSurrogate(s
			.charAt(i + 1));
		return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
	}

	/** @return a JSON number, or {@code null} for NaN and infinities */
	static String number(final double v) {
		if (!Double.isFinite(v)) return "null";
		if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v) + ".0";
		return Double.toString(v);
	}

	/** @return a JSON array of numbers on one line */
	static String array(final double[] v) {
		final StringBuilder sb = new StringBuilder("[");
		for (int i = 0; i < v.length; i++) {
			if (i > 0) sb.append(", ");
			sb.append(number(v[i]));
		}
		return sb.append(']').toString();
	}

	/** @return a JSON array of integers on one line */
	static String array(final int[] v) {
		final StringBuilder sb = new StringBuilder("[");
		for (int i = 0; i < v.length; i++) {
			if (i > 0) sb.append(", ");
			sb.append(v[i]);
		}
		return sb.append(']').toString();
	}
}
