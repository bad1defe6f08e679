package io.teeio.platform.scenario;

/** {@code cvm NAME on vf N}: a CVM that will be given VF {@code vf} of the device when it is opened. */
public record CvmDeclaration(String name, int vf, int line) {
}
