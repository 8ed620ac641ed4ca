package dev.plantsync.odoo.sim;

/** An error the simulated Odoo raises, with the exception name and message real Odoo uses. */
class SimError extends RuntimeException {

    final String name;

    SimError(String name, String message) {
        super(message);
        this.name = name;
    }

    static SimError user(String message) {
        return new SimError("odoo.exceptions.UserError", message);
    }

    static SimError validation(String message) {
        return new SimError("odoo.exceptions.ValidationError", message);
    }

    static SimError missing(String model, java.util.Collection<Integer> ids, int uid) {
        String list = ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
        return new SimError("odoo.exceptions.MissingError", "Record does not exist or has been deleted.\n(Record: "
                + model + "(" + list + (ids.size() == 1 ? "," : "") + "), User: " + uid + ")");
    }

    static SimError access(String message) {
        return new SimError("odoo.exceptions.AccessError", message);
    }

    static SimError value(String message) {
        return new SimError("builtins.ValueError", message);
    }

    static SimError type(String message) {
        return new SimError("builtins.TypeError", message);
    }

    /** The XML-RPC faultCode Odoo gives this error. */
    int faultCode() {
        return switch (simpleName()) {
            case "AccessDenied" -> 3;
            case "AccessError" -> 4;
            case "UserError", "ValidationError", "MissingError" -> 2;
            default -> 1;
        };
    }

    /** The HTTP status JSON-2 answers this error with. */
    int json2Status() {
        return switch (simpleName()) {
            case "AccessDenied", "Unauthorized" -> 401;
            case "AccessError" -> 403;
            case "MissingError", "NotFound" -> 404;
            case "UserError", "ValidationError", "UnprocessableEntity" -> 422;
            default -> 500;
        };
    }

    String simpleName() {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** The traceback-ish text XML-RPC fault 1 carries: its last line names the exception. */
    String traceback() {
        return "Traceback (most recent call last):\n  File \"ODOO_ROOT/odoo/service/model.py\", line 93, in call_kw\n"
                + simpleName() + ": " + getMessage() + "\n";
    }
}
