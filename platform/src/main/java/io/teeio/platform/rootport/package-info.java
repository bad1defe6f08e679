/**
 * The root port above the endpoint: a type 1 function with an IDE capability and the key slots the platform
 * TSM programs directly; a selective stream is Secure when both ends are keyed and started.
 */
package io.teeio.platform.rootport;
