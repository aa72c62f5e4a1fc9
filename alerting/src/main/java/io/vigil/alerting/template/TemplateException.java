package io.vigil.alerting.template;

/** PLACEHOLDER for merge. */
public class TemplateException extends Exception {
    public TemplateException(String message) {
        super(message);
    }
}
