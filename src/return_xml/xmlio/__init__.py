"""XML for the model: writer, hardened reader, bundled schema (see docs/xml-format.md)."""

from return_xml.xmlio.reader import parse_xml, read_xml
from return_xml.xmlio.schema import NAMESPACE, SCHEMA_VERSION, schema_path, schema_text
from return_xml.xmlio.writer import render_xml, write_xml

__all__ = ["NAMESPACE", "SCHEMA_VERSION", "parse_xml", "read_xml", "render_xml", "schema_path", "schema_text", "write_xml"]
