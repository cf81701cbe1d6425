/**
 * Reading untrusted XML safely, for the SOAP and XML-RPC protocols: {@link io.atrium.ws.core.xml.SafeXml}
 * refuses DTDs (and so every entity but the five predefined ones), never fetches anything, and
 * bounds the document's size, depth and element count; it returns the document as a small tree
 * of {@link io.atrium.ws.core.xml.XmlElement}s.
 */
@Export
@Version("1.0.0")
package io.atrium.ws.core.xml;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
