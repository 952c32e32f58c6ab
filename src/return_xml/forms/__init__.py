"""Form readers: a registry, a detector, one reader per form family/edition."""

from return_xml.forms.registry import Detection, FormReader, detect, read_document, readers, register

__all__ = ["Detection", "FormReader", "detect", "read_document", "readers", "register"]
