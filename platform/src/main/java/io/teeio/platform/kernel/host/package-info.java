/** One host's kernel wired together ({@link io.teeio.platform.kernel.host.HostKernel}), its snapshot and leak check. */
package io.teeio.platform.kernel.host;
