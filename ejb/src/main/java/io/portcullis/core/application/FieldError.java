package io.portcullis.core.application;

/** What is wrong with one field of a request; {@code field} uses the JSON name, dotted or indexed if nested. */
public record FieldError(String field, String message) {}
