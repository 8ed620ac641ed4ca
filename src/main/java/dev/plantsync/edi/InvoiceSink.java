package dev.plantsync.edi;

/**
 * Receives what a parser reads, one invoice at a time, so files of any size stream through a fixed amount of
 * memory. File-level problems (a broken envelope, unreadable bytes) come separately: they concern no single invoice.
 */
public interface InvoiceSink {

    void invoice(ParsedInvoice parsed);

    void fileError(EdiError error);

    /** Called at the end of each interchange with its envelope, for acknowledgements and duplicate checks. */
    default void interchange(Interchange interchange) {
    }
}
