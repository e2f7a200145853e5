package io.portcullis.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API, version 1; the war's context root is {@code /api}, so resources live under {@code /api/v1}. */
@ApplicationPath("/v1")
public class RestApplication extends Application {}
