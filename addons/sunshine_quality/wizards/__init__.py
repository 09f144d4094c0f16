from . import sunshine_statistics_period_mixin
from . import sunshine_complaint_tracking_wizard
from . import sunshine_complaint_proposal_wizard
from . import sunshine_complaint_contact_wizard
from . import sunshine_complaint_statistics_wizard
from . import sunshine_callback_statistics_wizard
from . import sunshine_inspection_statistics_wizard
