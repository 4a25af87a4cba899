"""The landing page's JSON block: a title cannot close it, nor open a comment swallowing the scripts."""

import json
import re

from coursebuild.inputs.toc import Course
from coursebuild.pages.landing import landing_page

TITLE = "Business <!--<script> </script> & more"


def test_a_title_with_markup_stays_inside_the_json_block():
    page = landing_page(Course(TITLE, "Words.", []))
    block = re.search(r'<script id="course-data" type="application/json">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block
    assert json.loads(block)["title"] == TITLE
    assert page.count("<script") == page.count("</script>")  # no script element swallowed
