#!/usr/bin/env bash
host=${1:-127.0.0.1}
port=${2:-8080}
smtp_port=${3:-8025}
cat <<MSG

==========================================================================
 urad.podnety demo: http://$host:$port/urad
 Register:          http://$host:$port/urad/podnety
 Public form:       http://$host:$port/urad/podat-podnet
 Status page:       http://$host:$port/urad/stav-podnetu

 DEMO LOGINS - FOR TRYING IT OUT ONLY, NEVER ON A REAL SITE:
   admin / admin              Zope Manager
   referentka / podnety-demo  contact-centre clerk
   resitel / podnety-demo     responsible official
   resitelka / podnety-demo   responsible official
   vedouci / podnety-demo     supervisor
   webmaster / podnety-demo   webmaster (Site Administrator)
 PBX hook token: demo-pbx-token

 Outgoing mail is stored in var/outbox/ (local SMTP sink on port $smtp_port).
 Drop e-mails into var/intake/mail/new/, scans into var/intake/scans/.
==========================================================================

MSG
