"""The people of make_assist's emergency-department assist: a realistic cast."""

from __future__ import annotations

from peerassist.model import Person

ZONE = "Europe/London"

CALLER = Person(
    name="Priya Raman",
    email="priya.raman@stelsewhere.nhs.example",
    organisation="St Elsewhere NHS Foundation Trust",
    unit="Emergency Department",
    job_title="Service Manager",
    grade=7,
    expertise=("urgent care", "service redesign"),
    timezone=ZONE,
    reports_to="tom.hughes@stelsewhere.nhs.example",
)
HOST_MEMBERS = (
    Person(
        name="Dr Sam Okafor",
        email="sam.okafor@stelsewhere.nhs.example",
        organisation="St Elsewhere NHS Foundation Trust",
        unit="Emergency Department",
        job_title="Consultant",
        grade=8,
        expertise=("emergency medicine",),
        timezone=ZONE,
    ),
    Person(
        name="Lucy Marsh",
        email="lucy.marsh@stelsewhere.nhs.example",
        organisation="St Elsewhere NHS Foundation Trust",
        unit="Emergency Department",
        job_title="Senior Nurse",
        grade=6,
        expertise=("triage", "patient flow"),
        timezone=ZONE,
    ),
)
VISITORS = (
    Person(
        name="Dr Ana Costa",
        email="ana.costa@northfield.nhs.example",
        organisation="Northfield Hospitals NHS Trust",
        unit="Acute Medicine",
        job_title="Clinical Lead",
        grade=8,
        expertise=("same-day emergency care",),
        timezone=ZONE,
    ),
    Person(
        name="Ben Adeyemi",
        email="ben.adeyemi@westvale.nhs.example",
        organisation="Westvale Community Health",
        unit="Urgent Treatment Centre",
        job_title="Operations Manager",
        grade=7,
        expertise=("urgent treatment centres", "rostering"),
        timezone=ZONE,
    ),
    Person(
        name="Chloe Martin",
        email="chloe.martin@stelsewhere.nhs.example",
        organisation="St Elsewhere NHS Foundation Trust",
        unit="Paediatrics",
        job_title="Matron",
        grade=7,
        expertise=("paediatric flow",),
        timezone=ZONE,
    ),
    Person(
        name="Dev Patel",
        email="dev.patel@ambulance.nhs.example",
        organisation="Regional Ambulance Service",
        unit="Clinical Hub",
        job_title="Paramedic Practitioner",
        grade=6,
        expertise=("pre-hospital care", "hear and treat"),
        timezone=ZONE,
    ),
    Person(
        name="Elena Novak",
        email="elena.novak@logistics.example",
        organisation="Novak Logistics Ltd",
        unit="Operations Research",
        job_title="Queueing Analyst",
        expertise=("queueing theory", "simulation"),
        timezone="Europe/Prague",
    ),
    Person(
        name="Femi Johnson",
        email="femi.johnson@patientsvoice.example",
        organisation="Patients' Voice",
        unit="Engagement",
        job_title="Patient Representative",
        expertise=("patient experience",),
        timezone=ZONE,
    ),
)
FACILITATOR = Person(
    name="Grace Liu",
    email="grace.liu@stelsewhere.nhs.example",
    organisation="St Elsewhere NHS Foundation Trust",
    unit="Knowledge and Library Services",
    job_title="Knowledge Manager",
    grade=7,
    expertise=("facilitation", "knowledge management"),
    timezone=ZONE,
)
RECORDER = Person(
    name="Harry Wood",
    email="harry.wood@stelsewhere.nhs.example",
    organisation="St Elsewhere NHS Foundation Trust",
    unit="Knowledge and Library Services",
    job_title="Librarian",
    grade=5,
    timezone=ZONE,
)
SPONSOR = Person(
    name="Tom Hughes",
    email="tom.hughes@stelsewhere.nhs.example",
    organisation="St Elsewhere NHS Foundation Trust",
    unit="Emergency Department",
    job_title="Divisional Director",
    grade=9,
    timezone=ZONE,
)
