package io.teeio.platform.rootport;

/** IDE sub-stream: posted requests, non-posted requests, completions. */
public enum SubStream {
    PR, NPR, CPL
}
