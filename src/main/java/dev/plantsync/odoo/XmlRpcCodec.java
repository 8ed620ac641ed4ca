package dev.plantsync.odoo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * XML-RPC bodies with StAX: {@code methodCall} out, {@code methodResponse} (value or fault) in, with the
 * {@code <nil/>} extension Odoo uses. Public because the Odoo simulator speaks the same wire format.
 */
public final class XmlRpcCodec {

    private static final XMLInputFactory INPUT = XMLInputFactory.newFactory();
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    static {
        INPUT.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        INPUT.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    /** An XML-RPC fault: Odoo's faultCode (1 any, 2 user, 3 access denied, 4 access error) and faultString. */
    public record Fault(int code, String string) {
    }

    private XmlRpcCodec() {
    }

    public static byte[] methodCall(String method, List<?> params) {
        return write(w -> {
            w.writeStartElement("methodCall");
            element(w, "methodName", method);
            w.writeStartElement("params");
            for (Object p : params) {
                w.writeStartElement("param");
                value(w, p);
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    public static byte[] response(Object result) {
        return write(w -> {
            w.writeStartElement("methodResponse");
            w.writeStartElement("params");
            w.writeStartElement("param");
            value(w, result);
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    public static byte[] fault(Fault fault) {
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("faultCode", fault.code());
        struct.put("faultString", fault.string());
        return write(w -> {
            w.writeStartElement("methodResponse");
            w.writeStartElement("fault");
            value(w, struct);
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    /** The result of a methodResponse, or a {@link Fault}. */
    public static Object parseResponse(byte[] body) {
        try {
            XMLStreamReader r = INPUT.createXMLStreamReader(new ByteArrayInputStream(body));
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "fault" -> {
                            nextStart(r);
                            @SuppressWarnings("unchecked")
                            Map<String, Object> f = (Map<String, Object>) readValue(r);
                            return new Fault(((Number) f.get("faultCode")).intValue(), String.valueOf(f.get("faultString")));
                        }
                        case "value" -> {
                            return readValue(r);
                        }
                        default -> { }
                    }
                }
            }
            return null;
        } catch (XMLStreamException e) {
            throw new OdooException.ServerError("xmlrpc", "unreadable XML-RPC response: " + e.getMessage());
        }
    }

    /** A methodCall as the method name and its parameters. */
    public record Call(String method, List<Object> params) {
    }

    public static Call parseCall(byte[] body) {
        try {
            XMLStreamReader r = INPUT.createXMLStreamReader(new ByteArrayInputStream(body));
            String method = null;
            List<Object> params = new ArrayList<>();
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT) {
                    if ("methodName".equals(r.getLocalName())) {
                        method = r.getElementText().trim();
                    } else if ("value".equals(r.getLocalName())) {
                        params.add(readValue(r));
                    }
                }
            }
            return new Call(method, params);
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("unreadable XML-RPC call: " + e.getMessage(), e);
        }
    }

    // Positioned on <value>; returns with the reader on </value>.
    private static Object readValue(XMLStreamReader r) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        Object result = null;
        boolean typed = false;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                text.append(r.getText());
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                typed = true;
                String type = r.getLocalName();
                result = switch (type) {
                    case "int", "i4" -> Integer.valueOf(r.getElementText().trim());
                    case "i8" -> Long.valueOf(r.getElementText().trim());
                    case "boolean" -> "1".equals(r.getElementText().trim());
                    case "double" -> Double.valueOf(r.getElementText().trim());
                    case "string", "dateTime.iso8601" -> r.getElementText();
                    case "base64" -> Base64.getMimeDecoder().decode(r.getElementText().trim());
                    case "nil" -> {
                        skipToEnd(r, "nil");
                        yield null;
                    }
                    case "array" -> readArray(r);
                    case "struct" -> readStruct(r);
                    default -> throw new XMLStreamException("unknown XML-RPC type " + type);
                };
            } else if (event == XMLStreamConstants.END_ELEMENT && "value".equals(r.getLocalName())) {
                return typed ? result : text.toString();
            }
        }
        throw new XMLStreamException("unterminated value");
    }

    private static List<Object> readArray(XMLStreamReader r) throws XMLStreamException {
        List<Object> list = new ArrayList<>();
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT && "value".equals(r.getLocalName())) {
                list.add(readValue(r));
            } else if (event == XMLStreamConstants.END_ELEMENT && "array".equals(r.getLocalName())) {
                return list;
            }
        }
        throw new XMLStreamException("unterminated array");
    }

    private static Map<String, Object> readStruct(XMLStreamReader r) throws XMLStreamException {
        Map<String, Object> map = new LinkedHashMap<>();
        String name = null;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT && "name".equals(r.getLocalName())) {
                name = r.getElementText();
            } else if (event == XMLStreamConstants.START_ELEMENT && "value".equals(r.getLocalName())) {
                map.put(name, readValue(r));
            } else if (event == XMLStreamConstants.END_ELEMENT && "struct".equals(r.getLocalName())) {
                return map;
            }
        }
        throw new XMLStreamException("unterminated struct");
    }

    private static void nextStart(XMLStreamReader r) throws XMLStreamException {
        while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
            // skip whitespace
        }
    }

    private static void skipToEnd(XMLStreamReader r, String name) throws XMLStreamException {
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.END_ELEMENT && name.equals(r.getLocalName())) {
                return;
            }
        }
    }

    private static void value(XMLStreamWriter w, Object v) throws XMLStreamException {
        w.writeStartElement("value");
        if (v == null) {
            w.writeEmptyElement("nil");
        } else if (v instanceof Boolean b) {
            element(w, "boolean", b ? "1" : "0");
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            element(w, "int", v.toString());
        } else if (v instanceof Long l) {
            element(w, l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? "int" : "i8", l.toString());
        } else if (v instanceof Double || v instanceof Float) {
            element(w, "double", v.toString());
        } else if (v instanceof BigDecimal d) {
            element(w, "double", d.toPlainString());
        } else if (v instanceof byte[] bytes) {
            element(w, "base64", Base64.getEncoder().encodeToString(bytes));
        } else if (v instanceof Map<?, ?> map) {
            w.writeStartElement("struct");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                w.writeStartElement("member");
                element(w, "name", String.valueOf(e.getKey()));
                value(w, e.getValue());
                w.writeEndElement();
            }
            w.writeEndElement();
        } else if (v instanceof Collection<?> list) {
            w.writeStartElement("array");
            w.writeStartElement("data");
            for (Object item : list) {
                value(w, item);
            }
            w.writeEndElement();
            w.writeEndElement();
        } else {
            element(w, "string", v.toString());
        }
        w.writeEndElement();
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    @FunctionalInterface
    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static byte[] write(Body body) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            XMLStreamWriter w = OUTPUT.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            body.write(w);
            w.writeEndDocument();
            w.close();
            return out.toByteArray();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML-RPC: " + e.getMessage(), e);
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
