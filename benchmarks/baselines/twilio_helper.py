"""Baseline: the official twilio helper library doing the same search in a plain script,
printing the same records numsearch prints."""

import json
import os
import sys

from twilio.rest import Client

FIELDS = (
    "phone_number", "friendly_name", "locality", "region", "postal_code", "iso_country",
    "lata", "rate_center", "latitude", "longitude", "address_requirements", "beta",
    "capabilities",
)  # fmt: skip

client = Client(os.environ["TWILIO_ACCOUNT_SID"], os.environ["TWILIO_AUTH_TOKEN"])
client.api.base_url = os.environ["NUMSEARCH_API_URL"]
area_code = int(sys.argv[1]) if len(sys.argv) > 1 else 510
numbers = client.available_phone_numbers("US").local.list(area_code=area_code)
print(json.dumps([{field: getattr(n, field) for field in FIELDS} for n in numbers]))
