package org.cryoem.wasserstein;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The software version: from
 * {@code META-INF/maven/org.cryoem/Wasserstein_2D_Classes/pom.properties} on the
 * class path (present in built jars), else the {@code Implementation-Version} of
 * this package's manifest, else {@code "dev"} (e.g. when running from
 * {@code target/classes}).
 */
public final class Version {

	private static final String POM_PROPERTIES =
		"/META-INF/maven/org.cryoem/Wasserstein_2D_Classes/pom.properties";

	private static volatile String version;

	private Version() {}

	/** @return the version string, never null or empty */
	public static String get() {
		String v = version;
		if (v == null) {
			v = lookUp();
			version = v;
		}
		return v;
	}

	private static String lookUp() {
		try (InputStream in = Version.class.getResourceAsStream(POM_PROPERTIES)) {
			if (in != null) {
				final Properties p = new Properties();
				p.load(in);
				final String v = p.getProperty("version");
				if (v != null && !v.trim().isEmpty()) return v.trim();
			}
		}
		catch (final IOException | IllegalArgumentException e) {
			// fall through
		}
		final Package pkg = Version.class.getPackage();
		final String v = pkg == null ? null : pkg.getImplementationVersion();
		if (v != null && !v.trim().isEmpty()) return v.trim();
		return "dev";
	}
}
