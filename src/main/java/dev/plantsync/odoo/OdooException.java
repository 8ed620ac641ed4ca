package dev.plantsync.odoo;

/**
 * A failed Odoo call. Subclasses mirror Odoo's own exception classes (AccessDenied, AccessError, MissingError and
 * ValidationError are UserErrors in Odoo too) and keep Odoo's exception name and message; tracebacks are dropped.
 * {@link #isTransient()} says whether the same call may succeed if tried again.
 */
public class OdooException extends RuntimeException {

    private final String odooName;

    public OdooException(String odooName, String message) {
        this(odooName, message, null);
    }

    public OdooException(String odooName, String message, Throwable cause) {
        super(message, cause);
        this.odooName = odooName;
    }

    /** Odoo's exception class, e.g. {@code odoo.exceptions.ValidationError} or {@code builtins.ValueError}. */
    public String odooName() {
        return odooName;
    }

    public boolean isTransient() {
        return false;
    }

    /** Maps Odoo's exception name (as JSON-RPC and JSON-2 report it) to the typed exception. */
    public static OdooException of(String name, String message) {
        String n = name == null ? "" : name;
        if (Transient.isSerializationFailure(n, message)) {
            return new Transient(n, message, null);
        }
        return switch (n.substring(n.lastIndexOf('.') + 1)) {
            case "AccessDenied", "Unauthorized" -> new AccessDenied(n, message);
            case "AccessError" -> new AccessError(n, message);
            case "MissingError" -> new MissingError(n, message);
            case "ValidationError" -> new ValidationError(n, message);
            case "UserError", "RedirectWarning" -> new UserError(n, message);
            default -> new ServerError(n, message);
        };
    }

    /** Odoo's UserError: the request was understood and refused for a business reason. */
    public static class UserError extends OdooException {
        public UserError(String name, String message) {
            super(name, message);
        }
    }

    /** Wrong login, password or API key (or an expired key). */
    public static class AccessDenied extends UserError {
        public AccessDenied(String name, String message) {
            super(name, message);
        }
    }

    /** The user lacks the rights for this model, record or method. */
    public static class AccessError extends UserError {
        public AccessError(String name, String message) {
            super(name, message);
        }
    }

    /** The record does not exist (any more). */
    public static class MissingError extends UserError {
        public MissingError(String name, String message) {
            super(name, message);
        }
    }

    /** A constraint refused the values. */
    public static class ValidationError extends UserError {
        public ValidationError(String name, String message) {
            super(name, message);
        }
    }

    /** Any other server-side exception: a bad field, operator, argument or method (a defect on our side). */
    public static class ServerError extends OdooException {
        public ServerError(String name, String message) {
            super(name, message);
        }
    }

    /** The call may succeed if tried again: HTTP 502/503/504, timeouts, dropped connections, serialization conflicts. */
    public static class Transient extends OdooException {
        public Transient(String name, String message, Throwable cause) {
            super(name, message, cause);
        }

        @Override
        public boolean isTransient() {
            return true;
        }

        static boolean isSerializationFailure(String name, String message) {
            String text = (name + " " + message).toLowerCase(java.util.Locale.ROOT);
            return text.contains("serializationfailure") || text.contains("could not serialize access")
                    || text.contains("concurrent update") || text.contains("transactionrollbackerror");
        }
    }
}
