package org.cryoem.wasserstein.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small reader and writer for STAR files as RELION uses them.
 * <p>
 * A file is a list of data blocks ({@code data_name}; the name may be empty, as
 * in RELION 3.0 files that start with a bare {@code data_}). A block holds
 * key–value pairs ({@code _rlnKey value}) and at most one {@code loop_} table
 * whose columns are the tags listed after {@code loop_} and whose rows are the
 * values that follow, in order. Both RELION 3.0 (one block) and RELION 3.1+
 * ({@code data_optics} + {@code data_particles}) layouts read naturally.
 * </p>
 * <p>
 * Syntax handled: {@code #} comments (including RELION's {@code _rlnX #3} column
 * numbers), values quoted with {@code '...'} or {@code "..."} (a quote closes
 * only when followed by white space or the end of the line), semicolon text
 * fields (lines between two lines starting with {@code ;}), {@code stop_}, and
 * loop rows that span or share lines. Tag names are stored as written, with
 * their leading underscore (e.g. {@code _rlnImageName}); look-ups accept the
 * name with or without it. All values are kept as strings.
 * </p>
 * <p>
 * {@link #write(Path)} writes every block with aligned loop columns and quotes
 * values that need it (empty, containing white space, or starting with a
 * character that has a meaning in STAR syntax).
 * </p>
 */
public final class StarFile {

	private final List<Block> blocks = new ArrayList<>();
	private String headerComment;

	/** Creates an empty STAR file. */
	public StarFile() {}

	/** @return the data blocks in file order (modifiable) */
	public List<Block> blocks() {
		return blocks;
	}

	/** @return the first block with this name (without {@code data_}), or null */
	public Block block(final String name) {
		for (final Block b : blocks)
			if (b.name.equals(name)) return b;
		return null;
	}

	/**
	 * Appends a new, empty block.
	 *
	 * @param name block name without {@code data_}
	 * @return the new block
	 */
	public Block addBlock(final String name) {
		final Block b = new Block(name);
		blocks.add(b);
		return b;
	}

	/**
	 * Sets a comment written as {@code # comment} before every block, e.g.
	 * {@code "version 30001"} to mimic RELION's own files; null for none.
	 */
	public StarFile setHeaderComment(final String comment) {
		if (comment != null && comment.matches("(?s).*[\\r\\n].*")) {
			throw new IllegalArgumentException("A STAR comment cannot span lines");
		}
		this.headerComment = comment;
		return this;
	}

	// ------------------------------------------------------------------- Block

	/**
	 * One {@code data_} block: ordered key–value pairs and an optional loop table.
	 */
	public static final class Block {

		private final String name;
		private final Map<String, String> pairs = new LinkedHashMap<>();
		private final List<String> columns = new ArrayList<>();
		private final List<String[]> rows = new ArrayList<>();
		private boolean loop;

		/** @param name block name without {@code data_} (may be empty) */
		public Block(final String name) {
			if (name == null || name.matches(".*\\s.*")) throw new IllegalArgumentException(
				"Invalid STAR block name: '" + name + "'");
			this.name = name;
		}

		/** @return the name without {@code data_} */
		public String name() {
			return name;
		}

		/** @return true if the block has a {@code loop_} table */
		public boolean isLoop() {
			return loop;
		}

		/** @return the key–value pairs in file order, keys with leading underscore */
		public Map<String, String> pairs() {
			return Collections.unmodifiableMap(pairs);
		}

		/** @return the value of a key–value pair (with or without underscore), or null */
		public String get(final String key) {
			return pairs.get(tag(key));
		}

		/** Sets a key–value pair (key with or without underscore). */
		public Block put(final String key, final String value) {
			if (value == null) throw new IllegalArgumentException("null value for " + key);
			pairs.put(tag(key), value);
			return this;
		}

		/** @return the loop column names, with leading underscore (unmodifiable) */
		public List<String> columns() {
			return Collections.unmodifiableList(columns);
		}

		/** @return the loop rows, one array of {@code columns().size()} values each (unmodifiable) */
		public List<String[]> rows() {
			return Collections.unmodifiableList(rows);
		}

		/** @return index of a loop column (name with or without underscore), or −1 */
		public int columnIndex(final String column) {
			return columns.indexOf(tag(column));
		}

		/**
		 * @return the value in row {@code row} (0-based) of a column
		 * @throws IllegalArgumentException if there is no such column
		 */
		public String value(final int row, final String column) {
			final int c = columnIndex(column);
			if (c < 0) throw new IllegalArgumentException("Block data_" + name + " has no column " + tag(
				column));
			return rows.get(row)[c];
		}

		/**
		 * Adds loop columns; only allowed before the first row is added.
		 */
		public Block addColumns(final String... names) {
			if (!rows.isEmpty()) throw new IllegalStateException("Columns must be added before rows");
			for (final String n : names) {
				final String t = tag(n);
				if (t.length() < 2 || t.matches(".*\\s.*")) throw new IllegalArgumentException(
					"Invalid STAR column name: '" + n + "'");
				if (columns.contains(t)) throw new IllegalArgumentException("Duplicate column " + t);
				columns.add(t);
			}
			loop = true;
			return this;
		}

		/** Adds a loop row with one value per column. */
		public Block addRow(final String... values) {
			if (values.length != columns.size()) throw new IllegalArgumentException("Row has " +
				values.length + " values but block data_" + name + " has " + columns.size() + " columns");
			for (final String v : values)
				if (v == null) throw new IllegalArgumentException("null value in a STAR row");
			rows.add(values.clone());
			return this;
		}

		private static String tag(final String key) {
			return key.startsWith("_") ? key : "_" + key;
		}
	}

	// ------------------------------------------------------------------- reading

	/**
	 * Reads a STAR file (UTF-8).
	 *
	 * @throws InvalidInputException on a syntax error, with the file and line,
	 *           or if the file is not UTF-8 text
	 * @throws IOException if the file cannot be read
	 */
	public static StarFile read(final Path file) throws IOException {
		final List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (final java.nio.charset.CharacterCodingException e) {
			throw new InvalidInputException(file, "is not a text file (not valid UTF-8)", e);
		}
		return parse(file, lines);
	}

	private static final int VALUE = 0, QUOTED = 1;

	private static final class Token {

		final String text;
		final int kind;
		final int line;

		Token(final String text, final int kind, final int line) {
			this.text = text;
			this.kind = kind;
			this.line = line;
		}

		boolean reserved(final String prefix) {
			return kind == VALUE && text.regionMatches(true, 0, prefix, 0, prefix.length());
		}

		boolean isTag() {
			return kind == VALUE && text.startsWith("_");
		}
	}

	private static List<Token> tokenize(final Path file, final List<String> lines)
		throws InvalidInputException
	{
		final List<Token> tokens = new ArrayList<>();
		for (int ln = 0; ln < lines.size(); ln++) {
			final String line = lines.get(ln);
			if (line.startsWith(";")) { // semicolon text field
				final StringBuilder sb = new StringBuilder(line.substring(1));
				final int start = ln;
				boolean closed = false;
				while (++ln < lines.size()) {
					if (lines.get(ln).startsWith(";")) {
						closed = true;
						break;
					}
					sb.append('\n').append(lines.get(ln));
				}
				if (!closed) throw new InvalidInputException(file, "line " + (start + 1) +
					": unterminated ;-delimited text field");
				tokens.add(new Token(sb.toString(), QUOTED, start + 1));
				continue;
			}
			int i = 0;
			final int n = line.length();
			while (i < n) {
				final char c = line.charAt(i);
				if (Character.isWhitespace(c)) {
					i++;
				}
				else if (c == '#') {
					break;
				}
				else if (c == '\'' || c == '"') {
					int j = i + 1;
					while (j < n && !(line.charAt(j) == c && (j + 1 == n || Character.isWhitespace(line
						.charAt(j + 1)))))
						j++;
					if (j >= n) throw new InvalidInputException(file, "line " + (ln + 1) +
						": unterminated quoted value");
					tokens.add(new Token(line.substring(i + 1, j), QUOTED, ln + 1));
					i = j + 1;
				}
				else {
					int j = i;
					while (j < n && !Character.isWhitespace(line.charAt(j)))
						j++;
					tokens.add(new Token(line.substring(i, j), VALUE, ln + 1));
					i = j;
				}
			}
		}
		return tokens;
	}

	private static StarFile parse(final Path file, final List<String> lines)
		throws InvalidInputException
	{
		final List<Token> t = tokenize(file, lines);
		final StarFile star = new StarFile();
		Block block = null;
		int i = 0;
		while (i < t.size()) {
			final Token tok = t.get(i);
			if (tok.reserved("data_")) {
				block = star.addBlock(tok.text.substring(5));
				i++;
			}
			else if (tok.reserved("global_") || tok.reserved("stop_")) {
				i++;
			}
			else if (block == null) {
				throw new InvalidInputException(file, "line " + tok.line + ": '" + tok.text +
					"' appears before the first data_ block");
			}
			else if (tok.reserved("loop_")) {
				if (block.loop) throw new InvalidInputException(file, "line " + tok.line + ": block data_" +
					block.name + " has a second loop_, which is not supported");
				i++;
				final List<String> cols = new ArrayList<>();
				while (i < t.size() && t.get(i).isTag()) {
					if (cols.contains(t.get(i).text)) throw new InvalidInputException(file, "line " + t.get(
						i).line + ": duplicate column " + t.get(i).text);
					cols.add(t.get(i++).text);
				}
				if (cols.isEmpty()) throw new InvalidInputException(file, "line " + tok.line +
					": loop_ without columns");
				block.columns.addAll(cols);
				block.loop = true;
				final List<String> values = new ArrayList<>();
				int firstLine = -1;
				while (i < t.size()) {
					final Token v = t.get(i);
					if (v.isTag() || v.reserved("data_") || v.reserved("loop_") || v.reserved("global_") ||
						v.reserved("stop_")) break;
					if (firstLine < 0) firstLine = v.line;
					values.add(v.text);
					i++;
					if (values.size() == cols.size()) {
						block.rows.add(values.toArray(new String[0]));
						values.clear();
						firstLine = -1;
					}
				}
				if (!values.isEmpty()) throw new InvalidInputException(file, "line " + firstLine +
					": loop row has " + values.size() + " values but data_" + block.name + " has " + cols
						.size() + " columns");
			}
			else if (tok.isTag()) {
				if (i + 1 >= t.size() || t.get(i + 1).isTag() || t.get(i + 1).reserved("data_") || t.get(
					i + 1).reserved("loop_"))
				{
					throw new InvalidInputException(file, "line " + tok.line + ": no value for " + tok.text);
				}
				block.pairs.put(tok.text, t.get(i + 1).text);
				i += 2;
			}
			else {
				throw new InvalidInputException(file, "line " + tok.line + ": unexpected value '" +
					tok.text + "' outside a loop");
			}
		}
		return star;
	}

	// ------------------------------------------------------------------- writing

	/** Writes the file (UTF-8). */
	public void write(final Path file) throws IOException {
		try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			write(w);
		}
	}

	/** Writes the file to a character stream (not closed). */
	public void write(final Writer w) throws IOException {
		for (final Block b : blocks) {
			w.write("\n");
			if (headerComment != null) w.write("# " + headerComment + "\n\n");
			w.write("data_" + b.name + "\n\n");
			int width = 0;
			for (final String k : b.pairs.keySet())
				width = Math.max(width, k.length());
			for (final Map.Entry<String, String> e : b.pairs.entrySet()) {
				w.write(pad(e.getKey(), width + 1, true));
				w.write(quote(e.getValue()));
				w.write("\n");
			}
			if (!b.pairs.isEmpty()) w.write("\n");
			if (b.loop) {
				w.write("loop_\n");
				for (int c = 0; c < b.columns.size(); c++)
					w.write(b.columns.get(c) + " #" + (c + 1) + "\n");
				final int nc = b.columns.size();
				final int[] widths = new int[nc];
				final List<String[]> quoted = new ArrayList<>(b.rows.size());
				for (final String[] row : b.rows) {
					final String[] q = new String[nc];
					for (int c = 0; c < nc; c++) {
						q[c] = quote(row[c]);
						widths[c] = Math.max(widths[c], q[c].length());
					}
					quoted.add(q);
				}
				final StringBuilder sb = new StringBuilder();
				for (final String[] q : quoted) {
					sb.setLength(0);
					for (int c = 0; c < nc; c++) {
						if (c > 0) sb.append(' ');
						sb.append(pad(q[c], widths[c], !looksNumeric(q[c])));
					}
					w.write(sb.toString().replaceAll("\\s+$", ""));
					w.write("\n");
				}
				w.write("\n");
			}
		}
	}

	private static boolean looksNumeric(final String s) {
		return s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?|[-+]?(nan|inf|NaN|Infinity)");
	}

	/** Pads to width: on the right when {@code left} (left-aligned), else on the left. */
	private static String pad(final String s, final int width, final boolean left) {
		if (s.length() >= width) return s;
		final StringBuilder sb = new StringBuilder(width);
		if (left) sb.append(s);
		for (int i = s.length(); i < width; i++)
			sb.append(' ');
		if (!left) sb.append(s);
		return sb.toString();
	}

	/**
	 * @return the value as it must appear in a STAR file: bare when possible,
	 *         else in single or double quotes, else (a value with a line
	 *         break, or with both kinds of closing quote) as a semicolon text
	 *         field, {@code \n;value\n;\n}, which {@link #read} reads back
	 *         as the same value
	 * @throws IllegalArgumentException if the value holds a carriage return or
	 *           a line starting with {@code ;} (no STAR syntax can hold those)
	 */
	static String quote(final String v) {
		if (v.indexOf('\r') >= 0 || v.contains("\n;")) throw new IllegalArgumentException(
			"STAR value cannot be written: " + v.replace("\n", "\\n").replace("\r", "\\r"));
		if (v.indexOf('\n') >= 0) return textField(v);
		// white space as the reader sees it (Character.isWhitespace, which unlike
		// the regex \s includes the separators U+001C..U+001F)
		final boolean needs = v.isEmpty() || v.chars().anyMatch(Character::isWhitespace) || "_#'\";$[]".indexOf(v
			.charAt(0)) >= 0 || v.regionMatches(true, 0, "data_", 0, 5) || v.regionMatches(true, 0,
				"loop_", 0, 5) || v.regionMatches(true, 0, "save_", 0, 5) || v.regionMatches(true, 0,
					"stop_", 0, 5) || v.regionMatches(true, 0, "global_", 0, 7);
		if (!needs) return v;
		for (final char q : new char[] { '"', '\'' }) {
			if (!closesQuote(v, q) && !v.endsWith(String.valueOf(q))) return q + v + q;
		}
		return textField(v);
	}

	/** @return whether q followed by white space occurs in v (it would end a value quoted with q) */
	private static boolean closesQuote(final String v, final char q) {
		for (int i = 0; i + 1 < v.length(); i++)
			if (v.charAt(i) == q && Character.isWhitespace(v.charAt(i + 1))) return true;
		return false;
	}

	/** A semicolon text field on lines of its own; what follows starts a new line. */
	private static String textField(final String v) {
		return "\n;" + v + "\n;\n";
	}
}
