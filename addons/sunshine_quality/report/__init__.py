from . import sunshine_quality_statistics_xlsx
from . import sunshine_complaint_statistics_xlsx
from . import sunshine_callback_statistics_xlsx
from . import sunshine_inspection_statistics_xlsx
