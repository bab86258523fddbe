"""Installer for the urad.podnety package."""

from setuptools import find_namespace_packages
from setuptools import setup


long_description = open("README.md", encoding="utf-8").read()

setup(
    name="urad.podnety",
    version="1.0.0.dev0",
    description="Contact centre for a Czech state office: one register of citizens' "
    "podněty from the web form, e-mail, scanned letters and the phone.",
    long_description=long_description,
    long_description_content_type="text/markdown",
    classifiers=[
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Programming Language :: Python :: 3.11",
        "License :: OSI Approved :: GNU General Public License v2 (GPLv2)",
    ],
    keywords="Plone contact-centre complaints register",
    license="GPL version 2",
    packages=find_namespace_packages("src", include=["urad.*"]),
    package_dir={"": "src"},
    include_package_data=True,
    zip_safe=False,
    python_requires=">=3.11",
    install_requires=[
        "setuptools",
        "Plone",
        "Products.CMFPlone",
        "plone.classicui",
        "plone.distribution",
        "plone.api",
        "plone.restapi",
        "plone.app.dexterity",
        "plone.app.registry",
        "collective.easyform",
        "zope.sendmail",
        # intake and domain libraries, see docs/libraries.md
        "IMAPClient",
        "holidays",
        "phonenumbers",
        "openpyxl",
        "matplotlib",
        "pypdf",
        "filetype",
        "tnefparse",
        "aiosmtpd",
    ],
    extras_require={
        "test": [
            "plone.app.testing",
            "i18ndude",
            "pytest",
            "pytest-plone",
            "playwright",
            "requests",
            "ruff",
        ],
        "cluster": [
            "RelStorage",
            "psycopg2-binary",
        ],
    },
    entry_points={
        "z3c.autoinclude.plugin": ["target = plone"],
        "console_scripts": [
            "podnety-smtp-sink = urad.podnety.scripts.smtp_sink:main",
            "podnety-pbx-sim = urad.podnety.scripts.pbx_sim:main",
        ],
    },
)
