package dev.vireo.libvirt;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Writes a {@link VolumeSpec} as libvirt storage volume XML, through DOM. */
public final class VolumeXmlWriter {

    private VolumeXmlWriter() {
    }

    public static String write(VolumeSpec spec) {
        Document document = Xml.newDocument("volume");
        Element volume = document.getDocumentElement();
        Xml.append(volume, "name", spec.name());
        Xml.append(volume, "capacity", Long.toString(spec.capacityBytes())).setAttribute("unit", "bytes");
        Xml.append(volume, "allocation", Long.toString(spec.allocationBytes())).setAttribute("unit", "bytes");
        Xml.append(Xml.append(volume, "target"), "format").setAttribute("type", spec.format());
        if (spec.backingPath() != null) {
            Element backing = Xml.append(volume, "backingStore");
            Xml.append(backing, "path", spec.backingPath());
            Xml.append(backing, "format").setAttribute("type", spec.backingFormat());
        }
        return Xml.write(document);
    }
}
